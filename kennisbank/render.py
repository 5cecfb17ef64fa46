"""Jinja environment and the filters that turn content into escaped HTML."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import models as m

TEMPLATES = Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!|<>&])")


def paragraphs(text: str) -> Markup:
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(" ".join(p.split())) for p in parts)


def md_text(text: str) -> Markup:
    """Text safe to place in a Markdown heading: HTML escaped, Markdown syntax neutralised."""
    return Markup(_MD_SPECIAL.sub(lambda mt: f"&#{ord(mt.group(1))};", " ".join(text.split())))


QUOTES = {"nl": ("“", "”"), "fr": ("« ", " »"), "en": ("“", "”")}
COLON = {"nl": ":", "fr": " :", "en": ":"}


def cite_line_fn(lang: str, ui: dict[str, str], headings: dict[str, m.Heading]):
    """The citation line: report, the section heading in the reader's language (the Dutch heading
    as printed in its title), and the point."""

    def cite_line(report: str, cite: m.Cite, point: str | None = None, with_section_label: bool = False) -> Markup:
        heading = headings[cite.section]
        opening, closing = QUOTES[lang]
        label = Markup(" {} ").format(ui["section"]) if with_section_label else Markup(" ")
        text = " ".join(heading[lang].split())
        original = " ".join(cite.section.split())
        quoted = (
            Markup('<span class="kb-cite-heading" title="{}: {}">{}{}{}</span>').format(ui["cite_original"], original, opening, text, closing)
            if lang != "nl"
            else Markup("{}{}{}").format(opening, text, closing)
        )
        number = point if point is not None else cite.point
        tail = Markup(", {} {}").format(ui["point"], number) if number else Markup("")
        return Markup("{}{} {},{}{}{}").format(ui["source"], COLON[lang], report, label, quoted, tail)

    return cite_line


def environment(lang: str, ui: dict[str, str] | None = None, headings: dict[str, m.Heading] | None = None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def tr(value: m.T) -> str:
        return value[lang]

    def blocks(items: list[m.Block]) -> Markup:
        html = env.get_template("blocks.html.j2").render(blocks=items, lang=lang)
        return Markup(html)

    env.filters.update(
        tr=tr,
        paras=lambda value: paragraphs(value[lang]),
        md=lambda value: md_text(value[lang] if isinstance(value, m.T) else value),
        blocks=blocks,
        oneline=lambda value: " ".join(str(value).split()),
        squeeze=lambda html: Markup(squeeze(str(html))),
    )
    env.globals.update(lang=lang)
    if ui is not None and headings is not None:
        env.globals.update(cite_line=cite_line_fn(lang, ui, headings))
    return env


def squeeze(html: str) -> str:
    """Drop blank lines so that Markdown keeps each raw HTML block whole."""
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
