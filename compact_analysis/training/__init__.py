"""Training activity and spend (seed 001): records and budgets, the pack, the training paper.

Seed 001: "All training will be recorded on a centralised system enabling greater transparency
and improved monitoring and reporting of training activity and spend."
"""
