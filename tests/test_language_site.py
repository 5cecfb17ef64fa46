"""The built French and English pages: the reader's typography, no Dutch titles, little Dutch at all."""

import re
from html import unescape

import pytest

from kennisbank.dutchwords import FUNCTION_WORDS, dutch_rate
from kennisbank.typography import violations

LIMIT_PER_1000 = 1.5


def pages(site, lang):
    return sorted((site / lang).rglob("*.html"))


def _text(fragment: str) -> str:
    fragment = re.sub(r'<(\w+)[^>]*\slang="nl"[^>]*>.*?</\1>', " ", fragment, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def titles(html: str) -> list[tuple[str, str]]:
    """(where, text) of the page's <title>, H1 and navigation labels."""
    found = [("title", _text(t)) for t in re.findall(r"<title>(.*?)</title>", html, re.S)]
    found += [("h1", _text(t)) for t in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]
    found += [("nav", _text(t)) for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', html, re.S)]
    return found


def dutch_words(text: str, lang: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text) if w in FUNCTION_WORDS[lang]]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_typography_of_the_built_pages(built, lang):
    problems = [f"{p.relative_to(built.site)}: {v}" for p in pages(built.site, lang) for v in violations(p.read_text(), lang)]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_dutch_in_titles_headings_and_navigation(built, lang):
    dutch_h1 = {}
    for path in pages(built.site, "nl"):
        rel = path.relative_to(built.site / "nl")
        dutch_h1[str(rel)] = [t for where, t in titles(path.read_text()) if where == "h1"]
    problems = []
    for path in pages(built.site, lang):
        rel = str(path.relative_to(built.site / lang))
        for where, text in titles(path.read_text()):
            words = dutch_words(text, lang)
            if words:
                problems.append(f"{rel}: {where} {text!r} has Dutch words {words}")
            for nl in dutch_h1.get(rel, []):
                if where == "h1" and text.startswith(nl) and dutch_words(nl, lang):
                    problems.append(f"{rel}: h1 {text!r} opens with the Dutch title")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_guide_phrases_are_translated(built, lang):
    problems = []
    seen = 0
    for path in sorted((built.site / lang / "help").glob("*.html")):
        for basis in re.findall(r'<span class="kb-basis"[^>]*>(.*?)</span>\s*</dd>', path.read_text(), re.S):
            seen += 1
            words = dutch_words(_text(basis), lang)
            if words:
                problems.append(f"{path.name}: {_text(basis)!r}")
    assert seen > 50
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dutch_function_words_stay_rare(built, lang):
    dutch = words = 0
    worst = []
    for path in pages(built.site, lang):
        found, count, which = dutch_rate(path.read_text(), lang)
        dutch += found
        words += count
        if which:
            worst.append((len(which), str(path.relative_to(built.site)), sorted(set(which))))
    rate = 1000 * dutch / words
    worst.sort(reverse=True)
    assert words > 20000
    assert rate < LIMIT_PER_1000, f"{rate:.2f} Dutch function words per 1,000 words; most in: {worst[:8]}"


def test_the_measure_can_fail():
    page = '<main><p>De aanbeveling van het CGG voor de opvang.</p><p lang="nl">van de</p></main>'
    assert dutch_rate(page, "en")[0] == 4
    assert dutch_rate(page, "fr")[0] == 3
    quoted = "<main><p>Le guide « Wegwijs in de drughulpverlening » et <q>van</q>.</p></main>"
    assert dutch_rate(quoted, "fr")[0] == 0
