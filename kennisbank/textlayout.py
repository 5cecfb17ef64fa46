"""Line breaking with the real metrics of the shipped font, and shrink-to-fit within limits.

Widths are the sum of the glyphs' advance widths (fontTools, hmtx) at the given size, in the
same units as the size. Kerning is deliberately not applied: the font kerns only through
GPOS, and cairo's text drawing used by cairosvg places glyph after glyph by advance width
without kerning, so the advance sum is exactly the width that ends up in the PDF (and a safe
upper bound for browsers that do kern).

When a text cannot be set in its box, even at the smallest size allowed, the layout raises
`TextOverflowError` (alias `OverflowError_`), naming the block id, the language and the page
size, so a build fails with a message a writer can act on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, TypeVar

from fontTools.ttLib import TTFont

from . import typography
from .fonts import font_path

NBSP = "\u00a0"


class TextOverflowError(Exception):
    """A text does not fit its box; the message names block, language and size."""

    def __init__(self, block: str, lang: str, size: str, detail: str):
        self.block, self.lang, self.size, self.detail = block, lang, size, detail
        super().__init__(f"text overflow in block {block!r}, language {lang}, size {size}: {detail}")


OverflowError_ = TextOverflowError


class MissingGlyphError(ValueError):
    pass


class Font:
    """Advance widths and vertical metrics of one font file, in em units (size 1)."""

    def __init__(self, path):
        tt = TTFont(path)
        self.upem = tt["head"].unitsPerEm
        cmap = tt.getBestCmap()
        hmtx = tt["hmtx"]
        self._advance = {cp: hmtx[name][0] / self.upem for cp, name in cmap.items()}
        os2 = tt["OS/2"]
        self.ascent = tt["hhea"].ascent / self.upem
        self.descent = -tt["hhea"].descent / self.upem
        self.cap_height = os2.sCapHeight / self.upem
        self.x_height = os2.sxHeight / self.upem

    def has(self, char: str) -> bool:
        return ord(char) in self._advance

    def missing(self, text: str) -> list[str]:
        return sorted({c for c in text if not self.has(c) and c not in "\n"})

    def width(self, text: str, size: float) -> float:
        return self.em_width(text) * size

    @lru_cache(maxsize=1 << 18)
    def em_width(self, text: str) -> float:
        try:
            return sum(self._advance[ord(c)] for c in text)
        except KeyError:
            raise MissingGlyphError(f"the font has no glyph for {self.missing(text)!r} in {text!r}") from None


@lru_cache(maxsize=None)
def font(bold: bool = False) -> Font:
    return Font(font_path("Bold" if bold else "Regular"))


def text_width(text: str, size: float, bold: bool = False) -> float:
    return font(bold).width(text, size)


_NUMBER_WORD = re.compile(r"(?<=\d) (?=[A-Za-zÀ-ÿ])")  # "5 NMp", "107 (mobile teams)" stay together
_ABBR_NUMBER = re.compile(r"\b(art\.|nr\.|n°) (?=\d)")  # "art. 107"


@lru_cache(maxsize=1 << 14)
def typeset(text: str, lang: str) -> str:
    """Typographic clean-up before setting: composed accents (NFC: "e" + U+0301 prints as "é");
    collapse spaces; no-break spaces where a line must not break (French before ? ! : ; »,
    after «; between a number and its word; "art. 107")."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    text = _NUMBER_WORD.sub(NBSP, text)
    text = _ABBR_NUMBER.sub(r"\1" + NBSP, text)
    if lang in typography.RULES:
        # the site's rules (quotation marks, apostrophes, French spaces); the poster font has no
        # narrow no-break space, so the ordinary no-break space stands in for it
        text = typography.RULES[lang](text).replace(typography.NNBSP, NBSP)
    return text


def _pieces(word: str, breaks: str) -> list[str]:
    """A long word cut after any of the characters in `breaks` (e.g. '-/' or '/.')."""
    if not breaks:
        return [word]
    parts, current = [], ""
    for i, char in enumerate(word):
        current += char
        if char in breaks and 0 < i < len(word) - 1:
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def wrap(text: str, width: float, size: float, bold: bool = False, breaks: str = "-/") -> list[str] | None:
    """Greedy line breaking at spaces; a word wider than the line may break after `breaks`.

    Returns the lines, or None when some piece of a word is still wider than `width`.
    No hyphens are added and no word is cut elsewhere. A no-break space keeps its
    neighbours together; a newline forces a break.
    """
    lines = _wrap(text, round(width, 4), round(size, 4), bold, breaks)
    return None if lines is None else list(lines)


@lru_cache(maxsize=1 << 20)
def _wrap(text: str, width: float, size: float, bold: bool, breaks: str) -> tuple[str, ...] | None:
    f = font(bold)
    space = f.width(" ", size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line, line_width = "", 0.0
        for word in words:
            if not word:
                continue
            w = f.width(word, size)
            if line and line_width + space + w <= width:
                line, line_width = f"{line} {word}", line_width + space + w
                continue
            if w <= width:
                if line:
                    lines.append(line)
                line, line_width = word, w
                continue
            # the word alone is too wide: break it after a hyphen or slash (no hyphen added)
            for k, piece in enumerate(_pieces(word, breaks)):
                pw = f.width(piece, size)
                if pw > width:
                    return None
                glue, sep = (space, " ") if k == 0 else (0.0, "")
                if line and line_width + glue + pw <= width:
                    line, line_width = f"{line}{sep}{piece}", line_width + glue + pw
                else:
                    if line:
                        lines.append(line)
                    line, line_width = piece, pw
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class Paragraph:
    """Lines set at a size with a leading (line pitch as a factor of the size)."""

    lines: tuple[str, ...]
    size: float
    leading: float
    bold: bool = False

    @property
    def pitch(self) -> float:
        return self.size * self.leading

    @property
    def top_to_baseline(self) -> float:
        """From the top of the paragraph's box to the first baseline: the font's ascent."""
        return font(self.bold).ascent * self.size * 0.92

    @property
    def height(self) -> float:
        """Top of the box to the descent of the last line."""
        if not self.lines:
            return 0.0
        return self.top_to_baseline + (len(self.lines) - 1) * self.pitch + font(self.bold).descent * self.size * 0.75

    @property
    def width(self) -> float:
        return max((text_width(line, self.size, self.bold) for line in self.lines), default=0.0)

    def baselines(self, top: float) -> list[float]:
        first = top + self.top_to_baseline
        return [first + i * self.pitch for i in range(len(self.lines))]


def set_text(text: str, width: float, size: float, *, bold: bool = False, leading: float = 1.25,
             breaks: str = "-/") -> Paragraph | None:
    lines = wrap(text, width, size, bold, breaks)
    if lines is None:
        return None
    return Paragraph(tuple(lines), size, leading, bold)


def fit_text(text: str, width: float, height: float, size: float, min_size: float, *, block: str, lang: str,
             page: str, bold: bool = False, leading: float = 1.25, max_lines: int | None = None,
             breaks: str = "-/", step: float = 0.02) -> Paragraph:
    """Set `text` in a box of `width` x `height`, shrinking from `size` down to `min_size`.

    Raises TextOverflowError when the text does not fit even at `min_size`.
    """
    result = shrink_to_fit(
        lambda scale: _attempt(text, width, height, size * scale, bold, leading, max_lines, breaks),
        floor=min_size / size, step=step, block=block, lang=lang, page=page,
    )
    return result


def _attempt(text, width, height, size, bold, leading, max_lines, breaks):
    par = set_text(text, width, size, bold=bold, leading=leading, breaks=breaks)
    if par is None:
        return None, f"a word of {text[:40]!r} is wider than {width:.1f}"
    if max_lines is not None and len(par.lines) > max_lines:
        return None, f"{text[:40]!r} needs {len(par.lines)} lines, at most {max_lines} allowed"
    if par.height > height + 1e-6:
        return None, f"{text[:40]!r} needs a height of {par.height:.1f}, the box has {height:.1f}"
    return par, ""


R = TypeVar("R")


def scales(floor: float, step: float) -> Iterable[float]:
    """1.0, 1.0 - step, ... down to and including `floor`."""
    if not 0 < floor <= 1:
        raise ValueError("floor must be in (0, 1]")
    n = 0
    while True:
        value = round(1.0 - n * step, 6)
        if value <= floor + 1e-9:
            yield floor
            return
        yield value
        n += 1


def shrink_to_fit(attempt: Callable[[float], tuple[R | None, str]], *, floor: float, step: float = 0.02,
                  block: str, lang: str, page: str) -> R:
    """Call `attempt(scale)` for scale 1.0 downwards to `floor`; return the first result that fits.

    `attempt` returns (result, "") when everything fits and (None, reason) when not.
    Raises TextOverflowError with the reason found at the smallest scale.
    """
    reason = ""
    for scale in scales(floor, step):
        result, reason = attempt(scale)
        if result is not None:
            return result
    raise TextOverflowError(block, lang, page, f"{reason} (even shrunk to {floor:.0%} of the design size)")
