"""Scroll regions with names unique on their page.

Each wide table scrolls in a ``role="region"`` named by its caption (``presentation.html.scroll_region``).
A screen reader lists regions by name, so two with one name cannot be told apart (axe-core's
``landmark-unique``): a paper may show two tables with the same caption (each baseline's "Answered after
the freeze" list). The second and later regions of a name get " (2)", " (3)" ... in the order they appear.
"""

from __future__ import annotations

import re

REGION = re.compile(r'<div\b[^>]*\bclass="ca-scroll"[^>]*>')  # nbconvert may reorder the attributes
LABEL = re.compile(r'(\baria-label=")([^"]*)(")')


def unique_region_names(page: str) -> str:
    """``page`` with repeated scroll-region names numbered from the second occurrence on."""
    seen: dict[str, int] = {}

    def number(label: re.Match) -> str:
        name = label.group(2)
        seen[name] = seen.get(name, 0) + 1
        suffix = f" ({seen[name]})" if seen[name] > 1 else ""
        return f"{label.group(1)}{name}{suffix}{label.group(3)}"

    return REGION.sub(lambda tag: LABEL.sub(number, tag.group(0), count=1), page)
