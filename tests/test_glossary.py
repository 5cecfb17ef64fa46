"""The glossary: official Belgian equivalents used consistently, abbreviations explained on every page."""

import re
from pathlib import Path


from kennisbank.content import walk_texts
from kennisbank.hooks import mark_abbreviations

ROOT = Path(__file__).resolve().parent.parent


def _uses(text: str, forms: list[str]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text) for form in forms)


def _all_texts(content):
    for name, part in (
        ("recommendations", content.recommendations),
        ("themes", content.themes),
        ("findings", content.findings),
        ("conclusions", content.conclusions),
        ("guide", content.guide),
        ("organisation", content.organisation),
        ("poster", content.poster),
    ):
        for path, text in walk_texts(part, (name,)):
            yield path, text


REQUIRED = {
    "OCMW": ("CPAS", "PCSW"),
    "RIZIV": ("INAMI", "NIHDI"),
    "MSOC": ("MASS", "MSOC"),
    "CGG": ("CGG", "CGG"),
}


def test_glossary_has_the_official_equivalents(content):
    by_nl = {t.abbr.nl: t for t in content.glossary.terms if t.abbr}
    for nl, (fr, en) in REQUIRED.items():
        assert by_nl[nl].abbr.fr == fr and by_nl[nl].abbr.en == en
    expansions = {t.expansion.nl.lower(): t for t in content.glossary.terms}
    urgent = next(t for key, t in expansions.items() if "dringende medische hulp" in key)
    assert "aide médicale urgente" in urgent.expansion.fr.lower()
    for term in ("VIB", "PAAZ", "PZ", "TG", "CIC", "EPSI", "CAW", "TDI", "MEM", "SPOC", "GGZ"):
        assert term in by_nl, term


def test_glossary_terms_are_translated_consistently(content):
    """Where a Dutch text uses a glossary term, the French and English texts use its equivalent."""
    problems = []
    for path, text in _all_texts(content):
        if text.proper_name:
            continue
        for term in content.glossary.terms:
            if _uses(text.nl, term.match.nl):
                for lang in ("fr", "en"):
                    if not _uses(text[lang], getattr(term.match, lang)):
                        problems.append(f"{'.'.join(map(str, path))}: {term.id} missing in {lang}")
    assert problems == []


def test_abbreviations_get_their_expansion_in_the_page_language():
    html = '<p>Le CPAS et le <a href="x">CPAS</a>.</p><h2>CPAS</h2><p>CPAS</p>'
    out = mark_abbreviations(html, "fr")
    assert out.count("<abbr") == 2
    assert '<abbr title="centre public d&#x27;action sociale" tabindex="0">CPAS</abbr>' in out or 'tabindex="0">CPAS</abbr>' in out
    assert out.count('tabindex="0"') == 1
    assert '<a href="x">CPAS</a>' in out and "<h2>CPAS</h2>" in out


def test_glossary_lists_every_term_in_each_language(tmp_path, content):
    from kennisbank.pages import generate

    out = tmp_path / "docs"
    generate(content, ROOT / "docs", out, {lang: "<svg></svg>" for lang in ("nl", "fr", "en")}, (10, 10))
    for lang in ("nl", "fr", "en"):
        page = (out / lang / "glossary.md").read_text(encoding="utf-8")
        for term in content.glossary.terms:
            assert f'id="{term.id}"' in page
