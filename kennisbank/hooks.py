"""MkDocs hooks: glossary abbreviations with their expansion on every page."""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kennisbank import models as m  # noqa: E402
from kennisbank.typography import apply as typeset  # noqa: E402
from kennisbank.yamlsource import load  # noqa: E402

SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "textarea", "title", "button", "option", "label", "svg", "q"}
_TAG = re.compile(r"(<[^>]+>)")
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


@lru_cache(maxsize=None)
def abbreviations(lang: str) -> tuple[re.Pattern | None, dict[str, str]]:
    content_dir = Path(os.environ.get("KB_CONTENT_DIR", ROOT / "content"))
    glossary = m.Glossary.model_validate(load(content_dir / "glossary.yaml").data)
    titles: dict[str, str] = {}
    for term in glossary.terms:
        if term.abbr is not None:
            short = term.abbr[lang].strip()
            if short and short != term.expansion[lang]:
                titles.setdefault(short, term.expansion[lang])
    if not titles:
        return None, titles
    alternatives = "|".join(re.escape(k) for k in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<![\w/.-])({alternatives})(?![\w/-])"), titles


def mark_abbreviations(html: str, lang: str) -> str:
    pattern, titles = abbreviations(lang)
    if pattern is None:
        return html
    seen: set[str] = set()
    stack: list[list] = []
    out = []

    def wrap(match: re.Match) -> str:
        word = match.group(1)
        focus = "" if word in seen else ' tabindex="0"'
        seen.add(word)
        return f'<abbr title="{escape(titles[word])}"{focus}>{word}</abbr>'

    for part in _TAG.split(html):
        if part.startswith("<"):
            name_match = _NAME.match(part)
            if not name_match:
                out.append(part)
                continue
            name = name_match.group(1).lower()
            closing = part.startswith("</")
            if stack:
                if name == stack[-1][0]:
                    if closing:
                        stack[-1][1] -= 1
                        if stack[-1][1] == 0:
                            stack.pop()
                    elif not part.endswith("/>"):
                        stack[-1][1] += 1
            elif not closing and (name in SKIP or "kb-noabbr" in part) and not part.endswith("/>"):
                stack.append([name, 1])
            out.append(part)
        elif stack or not part.strip():
            out.append(part)
        else:
            out.append(pattern.sub(wrap, part))
    return "".join(out)


@lru_cache(maxsize=None)
def _dutch_names():
    from kennisbank.language import dutch_names_pattern

    content_dir = Path(os.environ.get("KB_CONTENT_DIR", ROOT / "content"))
    terminology = m.Terminology.model_validate(load(content_dir / "terminology.yaml").data)
    return dutch_names_pattern(terminology.dutch_names)


def on_page_content(html, page, config, files):
    from kennisbank.language import mark_dutch_names

    lang = config.theme["language"]
    if lang != "nl":
        html = mark_dutch_names(html, _dutch_names())
    return mark_abbreviations(html, lang)


def on_post_page(output, page, config):
    return typeset(output, config.theme["language"])
