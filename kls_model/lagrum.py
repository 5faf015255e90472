"""Legal references ("lagrum") as people write them: ``SoL 11 kap. 1 §``,
``SOSFS 2011:9 5 kap. 3-5 §§``, ``LSS 24 a–f §§``, ``FL 9 §``, ``HSLF-FS 2017:40``.

A reference is parsed into the statute (``SoL``, ``SOSFS 2011:9``), an optional chapter and
the set of paragraphs it names, so that spelling variants meet (``11 kap 1§`` is
``11 kap. 1 §``) and a requirement (``5 kap. 4 §``) is found in a reference to a range
(``5 kap. 3-5 §§``). Text that is no reference at all (``LVU``, a law's full name) is kept as a
statute with no chapter or paragraph: nothing a model says is dropped.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["Reference", "statute_key", "name_key", "parse"]

#: One paragraph item: "7", "7 b", "3-5", "24 a–f".
_ITEM = r"\d+(?:\s*[a-z](?![a-zåäö]))?(?:\s*[-–]\s*(?:\d+|[a-z](?![a-zåäö])))?"
_REFERENCE = re.compile(
    r"(?:(?P<chapter>\d+)\s*kap\b\.?\s*)?"
    rf"(?:(?P<paragraphs>{_ITEM}(?:\s*(?:,|och|samt)\s*{_ITEM})*)\s*§§?)?(?P<rest>.*)",
    re.IGNORECASE)
_ARTICLE = re.compile(r"art(?:ikel|\.)?\s*\d+.*", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|och|samt)\s*", re.IGNORECASE)
_RANGE = re.compile(r"(\d+)(?:\s*([a-z]))?(?:\s*[-–]\s*(?:(\d+)|([a-z])))?$", re.IGNORECASE)
_SFS_NUMBER = re.compile(r"\(\s*(?:SFS\s*)?\d{4}:\d+\s*\)", re.IGNORECASE)
_MAX_RANGE = 50  # "1-9999 §§" is a typo, not 9999 paragraphs


@dataclass(frozen=True)
class Reference:
    text: str  # as written, whitespace tidied
    statute: str  # "SoL", "SOSFS 2011:9"; the whole text when nothing else is found
    chapter: int | None = None
    paragraphs: frozenset[str] = frozenset()  # "1", "7 b"
    rest: str = ""  # what follows the paragraphs ("första stycket", "art. 33")

    @property
    def statute_key(self) -> str:
        return statute_key(self.statute)

    @property
    def key(self) -> tuple:
        """Identity: two spellings of one reference have the same key."""
        return (self.statute_key, self.chapter, self.paragraphs, self.rest.casefold())

    @property
    def canonical(self) -> str:
        """One spelling for every variant: "SOSFS 2011:9 5 kap. 3, 4 §§"."""
        parts = [self.statute]
        if self.chapter is not None:
            parts.append(f"{self.chapter} kap.")
        if self.paragraphs:
            ordered = sorted(self.paragraphs, key=paragraph_key)
            parts.append(f"{', '.join(ordered)} {'§§' if len(ordered) > 1 else '§'}")
        if self.rest:
            parts.append(self.rest)
        return " ".join(parts)

    def names(self, other: Reference) -> bool:
        """True when this reference points at (part of) what ``other`` names: same statute,
        same chapter and at least one paragraph in common. A reference to a whole chapter or
        statute does not name one of its paragraphs."""
        return (self.statute_key == other.statute_key and self.chapter == other.chapter
                and bool(self.paragraphs & other.paragraphs))

    def sort_key(self) -> tuple:
        """Chapter, then paragraphs in numeric order (2 § before 10 §)."""
        return (self.chapter or 0, sorted(paragraph_key(p) for p in self.paragraphs),
                self.rest.casefold())


def statute_key(statute: str) -> str:
    """Spacing and case do not make another statute, and an SFS number identifies one however
    its name is written: "Lag (2017:612)" is "Lag (2017:612) om samverkan vid utskrivning"."""
    number = _SFS_NUMBER.search(statute)
    if number is not None:
        return "sfs " + re.sub(r"\D+", ":", number.group(0)).strip(":")
    return name_key(statute)


def name_key(statute: str) -> str:
    """The statute's name without its SFS number, spacing and case: "arkivlagen"."""
    return re.sub(r"\s+", "", _SFS_NUMBER.sub("", statute)).casefold()


def paragraph_key(paragraph: str) -> tuple[int, str]:
    number, _, letter = paragraph.partition(" ")
    return int(number), letter


@functools.lru_cache(maxsize=4096)  # a KLS cites the same few hundred references everywhere
def parse(raw: str) -> Reference:
    """Parse one reference; never fails (text that is not a reference is its own statute)."""
    text = " ".join(raw.split())
    start, match = next(_references(text), (len(text), None))
    statute = text[:start].strip(" ,")
    if match is None:
        return Reference(text=text, statute=text)
    if isinstance(match, str):  # an article: "GDPR art. 33"
        return Reference(text=text, statute=statute or text, rest=match)
    rest = match.group("rest").strip(" ,.")
    if not statute:  # "5 kap. 1 § SOSFS 2011:9": the statute comes last
        statute, rest = rest, ""
    chapter = match.group("chapter")
    return Reference(text=text, statute=statute or text,
                     chapter=int(chapter) if chapter else None,
                     paragraphs=_paragraph_set(match.group("paragraphs") or ""), rest=rest)


def _references(text: str):
    """(start, match) of chapter/paragraph or article candidates at word starts, leftmost
    first; a year such as the 2011 in "SOSFS 2011:9" is neither."""
    for start in (m.start() for m in re.finditer(r"(?<![\w:])(?=\d|art)", text, re.IGNORECASE)):
        article = _ARTICLE.match(text, start)
        if article is not None:
            yield start, article.group(0).strip()
            continue
        match = _REFERENCE.match(text, start)
        if match is not None and (match.group("chapter") or match.group("paragraphs")):
            yield start, match


def _paragraph_set(spec: str) -> frozenset[str]:
    found: set[str] = set()
    for item in _SPLIT.split(spec.strip()):
        match = _RANGE.match(item.strip())
        if match is None:
            continue
        number, letter, to_number, to_letter = match.groups()
        if to_number and 0 <= int(to_number) - int(number) <= _MAX_RANGE:
            found.update(str(n) for n in range(int(number), int(to_number) + 1))
        elif to_number:  # a reversed or absurd range: keep both ends as written
            found.update((number, to_number))
        elif to_letter and letter and letter.lower() <= to_letter.lower():
            found.update(f"{number} {chr(c)}" for c in range(ord(letter.lower()),
                                                             ord(to_letter.lower()) + 1))
        else:
            found.add(f"{number} {letter.lower()}" if letter else number)
    return frozenset(found)
