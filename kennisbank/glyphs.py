"""Validation of the texts that the poster and diagram renderers set in the shipped font.

Each text is checked against the font's glyph coverage (every character must have a glyph in
both Regular and Bold, and no invisible formatting character may be printed), and the layouts
are tried in every language and size, so that a text that does not fit is reported as
`file:line: key: message` with all the others, before anything is built.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterator

from fontTools import unicodedata as fontdata

from .fonts import FAMILY
from .models import LANGS
from .yamlsource import Located, Problem, char_name

_ALLOWED_WHITESPACE = {"\n", " "}


@lru_cache(maxsize=None)
def coverage() -> frozenset[str]:
    """Characters the poster font can print: in both styles, and visible (no format characters)."""
    from .textlayout import font

    regular, bold = font(False), font(True)
    chars = {chr(cp) for cp in regular._advance if cp in bold._advance}
    return frozenset(c for c in chars if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp"))


def coverage_ranges() -> list[tuple[str, str, str]]:
    """The covered characters as (first, last, Unicode block) ranges, for CONTENT.md and messages."""
    out: list[tuple[str, str, str]] = []
    for char in sorted(coverage()):
        block = fontdata.block(char)
        if out and out[-1][2] == block and ord(out[-1][1]) + 1 == ord(char):
            out[-1] = (out[-1][0], char, block)
        else:
            out.append((char, char, block))
    return out


def _missing(text: str) -> list[tuple[int, str]]:
    covered = coverage()
    seen: set[str] = set()
    out = []
    for index, char in enumerate(text):
        if char not in covered and char not in _ALLOWED_WHITESPACE and char not in seen:
            seen.add(char)
            out.append((index, char))
    return out


def _check(located: Located, texts: Iterator[tuple[tuple, str, str]], what: str) -> list[Problem]:
    problems = []
    for path, lang, text in texts:
        for index, char in _missing(text):
            invisible = " (an invisible character, often pasted from Word or a PDF: delete it)" if unicodedata.category(char) in ("Cf", "Cc") else ""
            problems.append(located.problem(
                path, f"the {what} font ({FAMILY}) has no glyph for {char_name(char)}, block {fontdata.block(char)}, "
                      f"in the {lang} text at character {index + 1}{invisible}"))
    return problems


def _t_texts(obj, path: tuple) -> Iterator[tuple[tuple, str, str]]:
    from .content import walk_texts

    for where, text in walk_texts(obj, path):
        for lang in LANGS:
            yield where + (lang,), lang, text[lang]


def poster_texts(poster) -> Iterator[tuple[tuple, str, str]]:
    yield from _t_texts(poster, ())
    for i, pillar in enumerate(poster.pillars):
        for j, link in enumerate(pillar.more):
            if link.short:
                for lang in LANGS:
                    yield ("pillars", i, "more", j, "short"), lang, link.short


def diagram_texts(org) -> Iterator[tuple[tuple, str, str]]:
    yield from _t_texts(org.diagram, ("diagram",))


def poster_glyph_problems(located: Located, poster) -> list[Problem]:
    return _check(located, poster_texts(poster), "poster")


def diagram_glyph_problems(located: Located, org) -> list[Problem]:
    return _check(located, diagram_texts(org), "diagram")


def _poster_block(poster, block: str) -> tuple:
    for i, pillar in enumerate(poster.pillars):
        if pillar.id == block:
            return ("pillars", i)
    for i, panel in enumerate(poster.panels):
        if panel.id == block:
            return ("panels", i)
    return (block,) if block in ("title", "footer", "labels") else ()


def _diagram_block(org, block: str) -> tuple:
    for i, level in enumerate(org.diagram.levels):
        if level.id == block:
            return ("diagram", "levels", i, "label")
        for j, box in enumerate(level.boxes):
            if box.id == block:
                return ("diagram", "levels", i, "boxes", j, "label")
    return ("diagram",)


@lru_cache(maxsize=8)
def _poster_overflows(poster_json: str) -> tuple[tuple[str, str, str, str], ...]:
    from .poster_model import Poster
    from .posters import SIZES, layout_poster
    from .textlayout import TextOverflowError

    poster = Poster.model_validate_json(poster_json)
    found = []
    for lang in LANGS:
        for size in SIZES:
            try:
                layout_poster(poster, lang, size)
            except TextOverflowError as exc:
                found.append((exc.block, lang, size, exc.detail))
    return tuple(found)


def poster_layout_problems(located: Located, poster) -> list[Problem]:
    """Every language and size in which some text of the poster does not fit, at once."""
    return [
        located.problem(_poster_block(poster, block), f"text does not fit the poster in language {lang}, size {size}: {detail}")
        for block, lang, size, detail in _poster_overflows(poster.model_dump_json(by_alias=True))
    ]


def diagram_layout_problems(located: Located, org) -> list[Problem]:
    from .diagram import layout_diagram
    from .textlayout import TextOverflowError

    problems = []
    for lang in LANGS:
        try:
            layout_diagram(org, lang)
        except TextOverflowError as exc:
            problems.append(located.problem(_diagram_block(org, exc.block), f"text does not fit the organisation diagram "
                                                                           f"in language {lang}: {exc.detail}"))
    return problems


def check_poster(located: Located, poster, layout: bool = True) -> list[Problem]:
    problems = poster_glyph_problems(located, poster)
    if not problems and layout:
        problems = poster_layout_problems(located, poster)
    return problems


def check_diagram(located: Located, org) -> list[Problem]:
    return diagram_glyph_problems(located, org) or diagram_layout_problems(located, org)
