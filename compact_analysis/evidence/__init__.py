"""The evidence: members' returns read, checked set-wise, and kept in an append-only store or quarantined.

Every input row ends in the store or in quarantine with its reason; the store answers
"what was known on this date".
"""
