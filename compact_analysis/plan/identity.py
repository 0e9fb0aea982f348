"""When two ids name the same thing: Unicode normalisation, case, and characters nobody can see.

An id is compared in its NFC form (``café`` typed with a combining accent is the
same id as ``café`` typed with one character), and two ids that differ only by case
or normalisation (``m020`` and ``M020``) collide: a register or framework holding
both is refused rather than counting two members or two indicators. An id holding
an invisible character (a zero-width space, a direction control such as U+202E, any
other Unicode "format" or control character) is refused as invalid: what is printed
would not be what is compared. So is an id mixing letters of two scripts (a Cyrillic
``а`` in a Latin id), the usual look-alike; an id wholly in another script is not caught.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable

#: Unicode general categories of characters that are not seen: controls (Cc) and format characters (Cf:
#: zero-width space U+200B, joiners, direction marks and embeddings/isolates U+202A-U+202E and U+2066-U+2069,
#: the byte-order mark U+FEFF, the soft hyphen). Surrogates (Cs) and unassigned or private code points too.
_UNSEEN = {"Cc", "Cf", "Cs", "Co", "Cn"}


def normalise_id(text: str) -> str:
    """The id as it is compared and stored: surrounding spaces removed, NFC-normalised."""
    return unicodedata.normalize("NFC", str(text).strip())


def id_key(text: str) -> str:
    """The key two ids collide on: NFC form, case folded (``M020`` and ``m020`` share one)."""
    return unicodedata.normalize("NFC", normalise_id(text).casefold())


def invisible_characters(text: str) -> list[str]:
    """The characters of ``text`` that cannot be seen, as ``U+200B ZERO WIDTH SPACE`` (empty if none)."""
    return [
        f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')}"
        for c in dict.fromkeys(str(text))
        if unicodedata.category(c) in _UNSEEN
    ]


def letter_scripts(text: str) -> list[str]:
    """The scripts of the letters of ``text``, by the first word of each letter's Unicode name, in order met.

    ``M020`` is ``['LATIN']``; ``Mаrket`` with a Cyrillic ``а`` is ``['LATIN', 'CYRILLIC']``.
    """
    names = (unicodedata.name(c, "") for c in str(text) if unicodedata.category(c).startswith("L"))
    return list(dict.fromkeys(name.split(" ")[0] for name in names if name))


def invalid_id_message(text: str, what: str = "id") -> str | None:
    """Why ``text`` is not a valid id (an unseen character, or letters of two scripts), or ``None``."""
    found = invisible_characters(text)
    if found:
        return f"the {what} holds a character that cannot be seen ({', '.join(found)}); type it again"
    scripts = letter_scripts(text)
    if len(scripts) > 1:
        mixed = " and ".join(s.title() for s in scripts)
        return f"the {what} mixes {mixed} letters (look-alikes such as Cyrillic а for Latin a); type it again"
    return None


def collisions(entries: Iterable[tuple[str, str]]) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """``(location, id, others)`` for every id whose key is shared by an id spelt differently.

    ``entries`` are ``(location, id)`` pairs. Ids spelt exactly alike are not collisions here
    (each validator reports those as duplicates); ``others`` are the other spellings' ``(location, id)``.
    """
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for location, text in entries:
        if text:
            groups[id_key(text)].append((location, text))
    found = []
    for group in groups.values():
        if len({text for _, text in group}) < 2:
            continue
        for location, text in group:
            others = [(loc, other) for loc, other in group if other != text]
            found.append((location, text, others))
    return found


def collision_message(text: str, others: list[tuple[str, str]], what: str = "id") -> str:
    """``'m020' and 'M020' (row 3) differ only by case or Unicode form: ...``, naming every other spelling."""
    named = ", ".join(f"{other!r} ({location})" for location, other in others)
    return f"{what} {text!r} and {named} differ only by case or Unicode form; they would name one thing"
