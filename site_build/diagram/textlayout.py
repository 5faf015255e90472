"""Text measuring and wrapping for labels, without a browser.

Widths are Arial's advance widths (Liberation Sans, which Debian's chromium uses for "Arial",
has the same metrics), in thousandths of the font size. Characters outside the table get a
generous estimate so that wrapped text stays inside its shape whatever font the viewer falls
back to; the price is a line break a little early for emoji or CJK text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

FONT_FAMILY = "Arial, sans-serif"
FONT_SIZE = 12  # embedded labels, as bpmn-js
EXTERNAL_FONT_SIZE = 11  # labels outside their shape (events, gateways, flows, data)
LINE_HEIGHT = 1.2
SPACE_EM = 0.278  # Arial's space, as a fraction of the font size

# Advance widths for ASCII 32..126.
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  # ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  # 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  # @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  # P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  # `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  # p..~
)
_WIDTHS = {chr(32 + i): w for i, w in enumerate(_ASCII)}
_WIDTHS.update({"\u2026": 1000, "\u00a0": 278, "\u00ad": 0, "–": 556, "—": 1000,
                "§": 556, "’": 222, "‘": 222, "“": 333, "”": 333, "•": 350})
_SAFETY = 1.04  # room for hinting and rounding differences between renderers


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    width = _WIDTHS.get(ch)
    if width is not None:
        return width
    category = unicodedata.category(ch)
    if category in ("Mn", "Me", "Cf") or ch in "\u200b\u200c\u200d\ufe0f":
        return 0  # combining marks, joiners, bidi controls, variation selectors
    base = unicodedata.normalize("NFD", ch)[0]
    if base != ch and base in _WIDTHS:
        return _WIDTHS[base]  # å ä ö é ü ...
    if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) > 0xFFFF:
        return 1300  # CJK and emoji: fallback fonts draw them wider than 1 em
    return 800  # other scripts in a fallback font


@lru_cache(maxsize=8192)
def text_width(text: str, size: float) -> float:
    return sum(_char_width(c) for c in text) * size * _SAFETY / 1000


@dataclass(frozen=True)
class Block:
    """Laid-out text: its lines, the font size, and the size of the block.

    A line that was broken at a space keeps that space at its end, so the text content of
    the drawn lines reads as the name does: "Verksamhetsplanering och uppföljning", never
    "Verksamhetsplaneringoch uppföljning". What a screen reader, Ctrl+F and copy-paste get
    is then the visible text (WCAG 2.5.3); lines broken after a hyphen or inside a long word
    join without one."""

    lines: tuple[str, ...]
    size: float
    width: float
    height: float

    @property
    def line_height(self) -> float:
        return self.size * LINE_HEIGHT


def _split_long(word: str, max_width: float, size: float) -> list[str]:
    """Cut a word wider than the line into pieces that fit (a 200-character unbroken word)."""
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size) > max_width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    if current:
        pieces.append(current)
    return pieces


def _tokens(paragraph: str) -> list[str]:
    """Words with their trailing break opportunity (space, hyphen or slash) kept."""
    tokens, current = [], ""
    for ch in paragraph:
        current += ch
        if ch in " -/":
            tokens.append(current)
            current = ""
    if current:
        tokens.append(current)
    return tokens


def _wrap_paragraph(paragraph: str, max_width: float, size: float) -> list[str]:
    """Lines no wider than ``max_width`` (measured without their trailing space)."""
    lines, current = [], ""
    for token in _tokens(paragraph):
        candidate = current + token
        if text_width(candidate.rstrip(), size) <= max_width:
            current = candidate
            continue
        if current.strip():
            lines.append(current)
        current = ""
        if text_width(token.rstrip(), size) > max_width:
            pieces = _split_long(token.rstrip(" "), max_width, size)
            lines.extend(pieces[:-1])
            current = pieces[-1] + token[len(token.rstrip(" ")):] if pieces else ""
        else:
            current = token
    if current.strip():
        lines.append(current)
    return lines


def clean(text: str) -> str:
    """Drop control characters (other than newlines) that XML cannot carry or that would
    break the layout; keep everything else, escaping is the SVG builder's job."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cs"))


@lru_cache(maxsize=8192)  # every shape's tooltip: names repeat across diagrams and builds
def one_line(text: str) -> str:
    """``text`` as one line with single spaces: the full name for a tooltip or a link."""
    return " ".join(clean(text).split())


@lru_cache(maxsize=4096)
def layout(text: str, max_width: float, size: float) -> Block:
    """Wrap ``text`` into lines no wider than ``max_width``. Nothing is ever cut: a name
    longer than its shape runs past it, as in bpmn-js, rather than losing words."""
    max_width = max(max_width, size)  # at least one character per line
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        paragraph = " ".join(paragraph.split())
        if paragraph:
            if lines and not lines[-1].endswith(" "):
                lines[-1] += " "  # a line break in the name reads as a space
            lines.extend(_wrap_paragraph(paragraph, max_width, size))
    if lines:
        lines[-1] = lines[-1].rstrip()
    width = max((text_width(line.rstrip(), size) for line in lines), default=0.0)
    return Block(tuple(lines), size, width, len(lines) * size * LINE_HEIGHT)
