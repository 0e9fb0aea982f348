"""The evaluation: pure functions of (plan, evidence as at a date).

Indicators, baselines, targets and their status, forecasts, SPC, the exception rules and the register.
"""
