"""Checks that keep French and English in their own words: translated source headings, terminology."""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Iterator

from . import models as m
from .typography import text_nodes
from .yamlsource import Located, Problem


def cites(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path of the section key, heading) of every `cite` in a parsed file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "cite" and isinstance(value, dict) and isinstance(value.get("section"), str):
                yield path + (key, "section"), value["section"]
            else:
                yield from cites(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from cites(value, path + (index,))


def check_headings(files: dict[str, Located], headings: m.Headings | None) -> list[Problem]:
    """Every cited source heading has a French and English rendering in headings.yaml."""
    if headings is None:
        return []
    known = {h.nl for h in headings.headings}
    problems = []
    for name, located in files.items():
        for path, section in cites(located.data):
            if section not in known:
                problems.append(located.problem(path, f"heading {section!r} is not in content/headings.yaml (add it with its fr and en rendering)"))
    return problems


def uses(text: str, form: str) -> bool:
    """The form occurs in the text as a whole word (case-insensitive); a form ending in '-' is a prefix;
    a form starting with 're:' is a regular expression (for renderings that take an adjective inside)."""
    if form.startswith("re:"):
        pattern = rf"(?<![\w-])(?:{form[3:]})(?![\w])"
    elif form.endswith("-"):
        pattern = rf"(?<![\w-]){re.escape(form[:-1])}(?=-|\w)"
    else:
        pattern = rf"(?<![\w-]){re.escape(form)}(?![\w])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _where(path: tuple) -> str:
    return ".".join(map(str, path))


def _longer_forms(term: m.SectorTerm, terminology: m.Terminology) -> list[str]:
    """Dutch forms of other terms that contain one of this term's forms: where the Dutch says
    "gespecialiseerde drughulpverlening", the check is the specialised term's, not the general one's."""
    own = [f.lower() for f in term.nl]
    found = [f for other in terminology.terms if other.id != term.id for f in other.nl if any(o in f.lower() and o != f.lower() for o in own)]
    return sorted(found, key=len, reverse=True)


def terminology_problems(texts, terminology: m.Terminology) -> list[str]:
    """Texts whose Dutch uses a sector term while the French or English lacks its decided rendering."""
    problems = []
    longer = {term.id: _longer_forms(term, terminology) for term in terminology.terms}
    for path, text in texts:
        if text.proper_name:
            continue
        for term in terminology.terms:
            dutch = text.nl
            for form in longer[term.id]:
                dutch = re.sub(re.escape(form), " ", dutch, flags=re.IGNORECASE)
            if not any(uses(dutch, form) for form in term.nl):
                continue
            for lang in ("fr", "en"):
                forms = getattr(term, lang)
                if not any(uses(text[lang], form) for form in forms):
                    problems.append(f"{_where(path)}.{lang}: {term.id}: none of the decided renderings ({', '.join(forms)})")
    return problems


_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|‘[^’]*’|\"[^\"]*\"|(?<!\w)'[^']*'(?!\w)")


def unquoted(text: str) -> str:
    """The text without its quotations (a quoted Dutch original may keep its Dutch words)."""
    return _QUOTED.sub(" ", text)


def wrong_rendering_problems(texts, terminology: m.Terminology) -> list[str]:
    """French or English texts that use a known calque anywhere, or a rendering the terminology
    rejects for a term where the Dutch uses that term. Quotations are not checked."""
    problems = []
    for path, text in texts:
        for lang in ("fr", "en"):
            said = unquoted(text[lang])
            banned = [(form, "calque") for form in getattr(terminology.calques, lang)]
            for term in terminology.terms:
                if any(uses(text.nl, form) for form in term.nl):
                    banned += [(form, term.id) for form in getattr(term.wrong, lang)]
            seen = set()
            for form, why in banned:
                if form.lower() not in seen and uses(said, form):
                    seen.add(form.lower())
                    problems.append(f"{_where(path)}.{lang}: {form!r} ({why}) must not be used")
    return problems


def dutch_names_pattern(names: list[str]) -> re.Pattern | None:
    """A pattern for the Dutch proper names as they appear in escaped page text."""
    if not names:
        return None

    def form(name: str) -> str:
        escaped = re.escape(html_escape(name, quote=False))
        return escaped.replace("'", "(?:'|&\\#39;|&\\#x27;|’)").replace("\\ ", "\\s+")

    alternatives = "|".join(form(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def mark_dutch_names(html: str, pattern: re.Pattern | None) -> str:
    """Wrap each Dutch proper name in a French or English page in <span lang="nl">, so that screen
    readers pronounce it as Dutch and the Dutch-words measure leaves it out."""
    if pattern is None:
        return html
    out = []
    for is_text, part in text_nodes(html):
        out.append(pattern.sub(lambda mt: f'<span lang="nl">{mt.group(0)}</span>', part) if is_text else part)
    return "".join(out)
