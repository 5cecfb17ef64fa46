"""MkDocs hooks: glossary abbreviations with their expansion on every page, linked to their glossary entry."""

from __future__ import annotations

import os
import posixpath
import re
import sys
from functools import lru_cache
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kennisbank import models as m  # noqa: E402
from kennisbank.typography import TAG_NAME  # noqa: E402
from kennisbank.typography import apply as typeset  # noqa: E402
from kennisbank.yamlsource import load  # noqa: E402

SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "textarea", "title", "button", "option", "label", "svg", "q"}
_TAG = re.compile(r"(<[^>]+>)")


@lru_cache(maxsize=None)
def abbreviations(lang: str) -> tuple[re.Pattern | None, dict[str, str], dict[str, str]]:
    """The pattern of the language's abbreviations, their expansions and their glossary entry ids."""
    content_dir = Path(os.environ.get("KB_CONTENT_DIR", ROOT / "content"))
    glossary = m.Glossary.model_validate(load(content_dir / "glossary.yaml").data)
    titles: dict[str, str] = {}
    ids: dict[str, str] = {}
    for term in glossary.terms:
        if term.abbr is not None:
            short = term.abbr[lang].strip()
            if short and short != term.expansion[lang] and short not in titles:
                titles[short] = term.expansion[lang]
                ids[short] = term.id
    if not titles:
        return None, titles, ids
    alternatives = "|".join(re.escape(k) for k in sorted(titles, key=len, reverse=True))
    return re.compile(rf"(?<![\w/.-])({alternatives})(?![\w/-])"), titles, ids


def mark_abbreviations(html: str, lang: str, glossary: str | None = None) -> str:
    """Wrap each abbreviation in <abbr title>; with the glossary's URL, in a link to its entry instead.

    Only the first occurrence of a word is in the tab order."""
    pattern, titles, ids = abbreviations(lang)
    if pattern is None:
        return html
    seen: set[str] = set()
    stack: list[list] = []
    out = []

    def wrap(match: re.Match) -> str:
        word = match.group(1)
        first = word not in seen
        seen.add(word)
        title = escape(titles[word])
        if glossary is None:
            focus = ' tabindex="0"' if first else ""
            return f'<abbr title="{title}"{focus}>{word}</abbr>'
        focus = "" if first else ' tabindex="-1"'
        # data-title, not title: the site's script shows it as a tooltip that links to the entry (see site.js).
        return f'<a class="kb-abbr" href="{escape(glossary)}#{ids[word]}" data-title="{title}"{focus}><abbr>{word}</abbr></a>'

    for part in _TAG.split(html):
        if part.startswith("<"):
            name_match = TAG_NAME.match(part)
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


_BLOCK_END = re.compile(r"(</(?:td|th|li|dd|dt|p|tr|caption|figcaption|h[1-6])>|<br\s*/?>)(?=<)")


def separate_blocks(html: str) -> str:
    """A line break after each cell, list item or paragraph, so that search previews never glue words together."""
    return _BLOCK_END.sub("\\1\n", html)


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
    target = "glossary.html" if lang == "nl" else f"{lang}/glossary.html"
    here = posixpath.dirname(page.file.dest_uri)
    glossary = "" if page.file.dest_uri == target else posixpath.relpath(target, here or ".")
    return separate_blocks(mark_abbreviations(html, lang, glossary))


def on_post_page(output, page, config):
    return typeset(output, config.theme["language"])
