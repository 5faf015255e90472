"""Swedish alphabetical order (å, ä, ö after z; é with e, ü with y) without relying on the
machine's locale, so every build sorts alike."""

from __future__ import annotations

import unicodedata

__all__ = ["swedish_key", "initial"]

_AFTER_Z = {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"}
_LIKE = {"ü": "y"}


def swedish_key(text: str) -> tuple[str, str]:
    folded = []
    for ch in " ".join(text.split()).casefold():
        if ch in _AFTER_Z:
            folded.append(_AFTER_Z[ch])
        elif ch in _LIKE:
            folded.append(_LIKE[ch])
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            folded.append(base)
    return "".join(folded), text


def initial(text: str) -> str:
    """The letter a name is listed under (A–Z, Å, Ä, Ö), or "" for anything else."""
    key = swedish_key(text)[0]
    if not key:
        return ""
    first = key[0]
    if first in "{|}":
        return {"{": "Å", "|": "Ä", "}": "Ö"}[first]
    return first.upper() if "a" <= first <= "z" else ""
