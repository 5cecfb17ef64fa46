"""Sources that can be cited, and DRUGINT never credited to Belspo (issue 11)."""

import html
import json
import re
from html.parser import HTMLParser

import pytest

LANGS = ("nl", "fr", "en")
REPORT = re.compile(r"DRUGINT|DrugInt|MATREMI|PADUMI")
COORDINATED = re.compile(r"DRUGINT\s*(?:en|et|and|,)\s*MATREMI\W{0,3}Belspo", re.I)


class _Text(HTMLParser):
    """The text a reader meets on a page: visible text, tooltips (title) and accessible names."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for key, value in attrs:
            if key in ("title", "aria-label", "alt", "content") and value:
                self.parts.append(f"\n{value}\n")  # a sentence of its own

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def belspo_attached_to_drugint(text: str) -> list[str]:
    """Sentences where Belspo is credited with DRUGINT: DRUGINT is the report nearest to the word
    Belspo, or DRUGINT is coordinated with MATREMI in front of it ("DRUGINT and MATREMI (Belspo)")."""
    found = []
    for sentence in re.split(r"(?<=[.;!?])\s+|\n", text):
        if "belspo" not in sentence.lower() or not re.search("drugint", sentence, re.I):
            continue
        for match in re.finditer(r"belspo", sentence, re.I):
            reports = [(abs(r.start() - match.start()), r.group().upper()) for r in REPORT.finditer(sentence)]
            if reports and min(reports)[1] == "DRUGINT":
                found.append(sentence.strip())
        if COORDINATED.search(sentence):
            found.append(sentence.strip())
    return found


@pytest.mark.parametrize(
    "text, attached",
    [
        ("Inhoud op basis van DRUGINT en MATREMI (Belspo) en VAD.", True),
        ("DRUGINT, gefinancierd door Belspo, bevroeg 273 mensen.", True),
        ("Belspo study on substance use (DRUGINT).", True),
        ("Content based on DRUGINT (Ghent University, funded by Fedasil), MATREMI (funded by Belspo) and VAD.", False),
        ("The federal science policy office, which funded MATREMI and PADUMI, among others.", False),
        ("DRUGINT was carried out by Ghent University. MATREMI was funded by Belspo.", False),
    ],
)
def test_the_belspo_check_itself(text, attached):
    assert bool(belspo_attached_to_drugint(text)) is attached


def test_belspo_is_never_attached_to_drugint_in_the_built_site(built):
    problems = []
    for path in sorted(built.site.rglob("*.html")):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        text = " ".join(html.unescape(p) for p in parser.parts)
        problems += [f"{path.relative_to(built.site)}: {s}" for s in belspo_attached_to_drugint(text)]
    for index in sorted(built.site.rglob("search_index.json")):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            text = html.unescape(re.sub(r"<[^>]+>", " ", doc["title"] + ". " + doc["text"]))
            problems += [f"{index.relative_to(built.site)} {doc['location']}: {s}" for s in belspo_attached_to_drugint(text)]
    assert problems == []


CITED = {
    "drugint": [
        "Fedasil", "2023", "ISD", "CESSMIR",
        "https://research.ugent.be/web/result/project/879593e4-768a-466d-91d1-a7c5487db3d5/",
    ],
    "matremi": ["Belspo", "DR/84", "https://www.belspo.be/belspo/fedra/proj.asp?", "Decorte", "De Kock"],
    "vad": ["https://www.vad.be/over-vad", "Wegwijs in de drughulpverlening", "2013"],
}
UNIVERSITY = {"nl": "Universiteit Gent", "fr": "Université de Gand", "en": "Ghent University"}


@pytest.mark.parametrize("lang", LANGS)
def test_sources_page_gives_a_reference_for_each_source(http_url, page, lang):
    page.goto(f"{http_url}{'' if lang == 'nl' else lang + '/'}sources.html")
    for section, facts in CITED.items():
        block = page.eval_on_selector(
            f"h2#{section}",
            "h => { let out = [], el = h.nextElementSibling; while (el && el.tagName !== 'H2') {"
            " out.push(el.innerText, ...[...el.querySelectorAll('a')].map(a => a.href)); el = el.nextElementSibling; }"
            " return out.join(' '); }",
        )
        for fact in facts:
            assert fact in block, (section, fact)
        if section == "drugint":
            assert UNIVERSITY[lang] in block and "Belspo" not in block
