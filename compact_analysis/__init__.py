"""compact-analysis: evaluate a partnership's performance against its Statement of Priorities."""

__version__ = "0.1.0"
