"""French and English typography, applied by the renderers so that the YAML stays plain text.

French: a narrow no-break space (U+202F) before ; ! ? », after «, before % and between groups of
thousands; a no-break space (U+00A0) before :; « » quotation marks and ’ apostrophes.
English: “ ” and ‘ ’ quotation marks and ’ apostrophes; never « ».
"""

from __future__ import annotations

import html as htmllib
import re

NNBSP = "\u202f"
NBSP = "\u00a0"
_SPACE = f"[ \t\n{NBSP}{NNBSP}]"

_FR_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"“([^“”]*)”"), "«\\1»"),
    (re.compile(r'(?<=[^\s(\[«“‘])"|"(?=[\s,.;:!?)\]]|$)'), "»"),
    (re.compile(r'"'), "«"),
    (re.compile(rf"«{_SPACE}*"), "«" + NNBSP),
    (re.compile(rf"{_SPACE}*»"), NNBSP + "»"),
    (re.compile(rf"{_SPACE}+([;!?])"), NNBSP + "\\1"),
    (re.compile(r"(?<=[^\W\d_)\]’»])([;!?])(?=\s|$|[)»,.])"), NNBSP + "\\1"),
    (re.compile(rf"{_SPACE}+:(?=\s|$)"), NBSP + ":"),
    (re.compile(r"(?<=[^\W\d_)\]’»])(:)(?=\s|$)"), NBSP + ":"),
    (re.compile(rf"(\d){_SPACE}*%"), "\\1" + NNBSP + "%"),
    (re.compile(r"(?<![\d.])(\d{1,3})\.(\d{3})(?![\d.])"), "\\1" + NNBSP + "\\2"),
    (re.compile(rf"(?<=\d)[ {NBSP}](?=\d{{3}}(?!\d))"), NNBSP),
    (re.compile(r"'"), "’"),
]

_EN_RULES: list[tuple[re.Pattern, str]] = [
    (re.compile(rf"«{_SPACE}*([^«»]*?){_SPACE}*»"), "“\\1”"),
    (re.compile(r'(?<=[^\s(\[«“‘])"|"(?=[\s,.;:!?)\]]|$)'), "”"),
    (re.compile(r'"'), "“"),
    (re.compile(r"(?<![\w’])'(?=\w)"), "‘"),
    (re.compile(r"'"), "’"),
]


def french(text: str) -> str:
    for pattern, repl in _FR_RULES:
        text = pattern.sub(repl, text)
    return text


def english(text: str) -> str:
    for pattern, repl in _EN_RULES:
        text = pattern.sub(repl, text)
    return text


RULES = {"fr": french, "en": english}

_TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_BLOCK = re.compile(r"</?(?:p|li|td|th|div|h[1-6]|br|dt|dd|tr|section|article|ul|ol|dl|table|figcaption)\b", re.I)
RAW = {"script", "style", "pre", "code", "kbd", "textarea", "samp"}


def text_nodes(html: str):
    """Yield (is_text, part) for the parts of an HTML page; text inside RAW elements is not text."""
    raw: str | None = None
    for part in _TAG.split(html):
        if part.startswith("<"):
            match = TAG_NAME.match(part)
            if match:
                name = match.group(1).lower()
                if raw is None and name in RAW and not part.startswith("</") and not part.endswith("/>"):
                    raw = name
                elif raw == name and part.startswith("</"):
                    raw = None
            yield False, part
        else:
            yield raw is None, part


def apply(html: str, lang: str) -> str:
    """The page with the language's typography in every text node (tags and attributes untouched)."""
    rule = RULES.get(lang)
    if rule is None:
        return html
    out = []
    after_word = False
    for is_text, part in text_nodes(html):
        if is_text and part.strip():
            text = htmllib.unescape(part)
            if after_word and text.startswith("'"):
                # "<abbr>VAD</abbr>'s": an apostrophe that a tag separates from its word
                text = "’" + text[1:]
            after_word = text[-1:].isalnum()
            part = htmllib.escape(rule(text), quote=False)
        elif is_text or _BLOCK.match(part):
            after_word = False
        out.append(part)
    return "".join(out)


_FR_CHECKS = {
    "ordinary space before ; ! ? or »": re.compile(r"[ \t\n][;!?»]"),
    "ordinary space before :": re.compile(r"[ \t\n]:(?=\s|$)"),
    "no space before ; ! ?": re.compile(r"[^\W\d_][;!?](?=\s|$)"),
    "no space before :": re.compile(r"[^\W\d_]:(?=\s|$)"),
    "ordinary or no space after «": re.compile(r"«(?![\u202f\u00a0])"),
    "ordinary or no space before »": re.compile(r"(?<![\u202f\u00a0])»"),
    "ordinary or no space before %": re.compile(r"\d[ ]?%"),
    "straight apostrophe": re.compile(r"'"),
    "straight quotation mark": re.compile(r'"'),
}
_EN_CHECKS = {
    "« or » in English": re.compile(r"[«»]"),
    "straight apostrophe": re.compile(r"'"),
    "straight quotation mark": re.compile(r'"'),
}
CHECKS = {"fr": _FR_CHECKS, "en": _EN_CHECKS}


def violations(html: str, lang: str) -> list[str]:
    """Each breach of the language's rules in the page's text, as 'rule: …context…'."""
    found = []
    for is_text, part in text_nodes(html):
        if not is_text:
            continue
        text = htmllib.unescape(part)
        for name, pattern in CHECKS.get(lang, {}).items():
            for match in pattern.finditer(text):
                start = max(0, match.start() - 25)
                found.append(f"{name}: …{' '.join(text[start:match.end() + 25].split())}…")
    return found
