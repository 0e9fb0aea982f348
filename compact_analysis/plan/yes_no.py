"""The one spelling of yes and no, shared by returns and the member register.

A yes/no cell (a ``yes-no`` measure in a return, ``correction`` in a return,
``deemed`` in the register) accepts yes/no, y/n, true/false and 1/0, in any case
and with spaces around them; anything else is a ``type-error``.
"""

from __future__ import annotations

YES_WORDS = ("yes", "y", "true", "1")
NO_WORDS = ("no", "n", "false", "0")
YES_NO_WORDS = YES_WORDS + NO_WORDS
YES_NO_HELP = "expected yes or no (also y/n, true/false, 1/0)"


def parse_yes_no(text: str) -> bool | None:
    """True for a yes word, False for a no word, None for anything else (case and spaces ignored)."""
    word = str(text).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None


__all__ = ["NO_WORDS", "YES_NO_HELP", "YES_NO_WORDS", "YES_WORDS", "parse_yes_no"]
