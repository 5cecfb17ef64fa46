"""How much Dutch a French or English page shows: Dutch function words per 1,000 words of text.

Parts marked lang="nl" (the Flemish names kept in Dutch), quotations, <q>, <cite> and abbreviations are left
out: a quoted Dutch title or a Flemish body's name may keep its Dutch words."""

from __future__ import annotations

import re
from html import unescape

from .language import unquoted
from .typography import TAG_NAME, text_nodes

FUNCTION_WORDS = {
    "fr": {"het", "een", "van", "voor", "niet", "zijn", "wordt", "worden", "naar", "ook", "bij", "deze", "dat", "die",
           "uit", "tot", "aan", "met", "maar", "hun", "werd", "kunnen", "moet", "zou", "heeft", "hebben", "door", "als",
           "om", "te", "op", "zij", "wij", "er", "nog", "wel", "geen", "hoe", "wat", "welke", "omdat", "tussen", "onder",
           "binnen", "zoals", "dan", "of", "waar", "meer", "over", "andere", "ze"},
    "en": {"het", "een", "van", "voor", "niet", "zijn", "wordt", "worden", "naar", "ook", "bij", "deze", "dat", "die",
           "uit", "tot", "aan", "met", "maar", "hun", "werd", "kunnen", "moet", "zou", "heeft", "hebben", "door", "als",
           "om", "te", "op", "zij", "wij", "er", "nog", "wel", "geen", "hoe", "wat", "welke", "omdat", "tussen", "onder",
           "binnen", "zoals", "dan", "en", "de", "waar", "meer", "andere", "ze"},
}
SKIP = {"q", "cite", "abbr", "script", "style", "code", "pre", "svg"}
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def visible_text(html: str, lang: str) -> str:
    """The main content's text, without the elements in SKIP, the parts marked as another language
    (lang="nl"), and quotations."""
    start = html.find("<main")
    end = html.find("</main>", start)
    if start >= 0 and end > start:
        html = html[start:end]
    html = re.sub(rf'<(\w+)[^>]*\slang="(?!{lang})[a-z-]+"[^>]*>.*?</\1>', " ", html, flags=re.S)
    depth = 0
    parts = []
    for is_text, part in text_nodes(html):
        if not is_text:
            match = TAG_NAME.match(part)
            if match and match.group(1).lower() in SKIP and not part.endswith("/>"):
                depth += -1 if part.startswith("</") else 1
                depth = max(depth, 0)
            continue
        if depth == 0:
            parts.append(unescape(part))
    return unquoted(" ".join(parts))


def dutch_rate(html: str, lang: str, names: set[str] = frozenset()) -> tuple[int, int, list[str]]:
    """(Dutch function words, all words, the Dutch words found) in the page's main text."""
    text = visible_text(html, lang)
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    words = _WORD.findall(text)
    found = [w for w in words if w.lower() in FUNCTION_WORDS[lang] and w[0].islower()]
    return len(found), len(words), found
