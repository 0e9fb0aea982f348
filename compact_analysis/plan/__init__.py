"""The plan: framework files (priorities, indicators, targets, periods) and the member register.

Seed 000 is the default plan: "The Statement of Priorities sets out 7 priorities ... with
performance indicators and targets for 09-10". Nothing here reads evidence.
"""
