"""French and English in their own words: one terminology, no calques, the reader's typography."""

import pytest

from kennisbank import models as m
from kennisbank.content import walk_texts
from kennisbank.language import terminology_problems, uses, wrong_rendering_problems
from kennisbank.typography import apply, english, french, violations

PARTS = ("recommendations", "themes", "findings", "conclusions", "guide", "organisation", "poster", "glossary", "vocab", "ui")


def all_texts(content):
    for name in PARTS:
        yield from walk_texts(getattr(content, name), (name,))


TERMS = m.Terminology.model_validate(
    {
        "terms": [
            {"id": "ambulant", "nl": ["ambulant", "ambulante"], "fr": ["ambulatoire"], "en": ["outpatient"], "wrong": {"en": ["ambulant"]}},
            {"id": "cgg", "nl": ["CGG"], "fr": ["CGG"], "en": ["CGG"], "wrong": {"fr": ["SSM"]}},
            {"id": "drughulp", "nl": ["drughulpverlening"], "fr": ["aide en matière de drogues"], "en": ["drug services"]},
            {"id": "specialised", "nl": ["gespecialiseerde drughulpverlening"], "fr": ["aide spécialisée en matière de drogues"],
             "en": ["specialised drug services"]},
        ],
        "calques": {"fr": ["usagers problématiques"], "en": ["self-organisations"]},
    }
)


def t(nl, fr, en):
    return m.T(nl=nl, fr=fr, en=en)


@pytest.mark.parametrize(
    "text, expected",
    [
        (t("Een ambulante dienst.", "Un service ambulatoire.", "An outpatient service."), []),
        (t("Een dienst.", "Un service.", "A service."), []),
        (
            t("Een ambulante dienst.", "Un service ambulant.", "An ambulant service."),
            [
                "doc.text.fr: ambulant: none of the decided renderings (ambulatoire)",
                "doc.text.en: ambulant: none of the decided renderings (outpatient)",
            ],
        ),
        (t("Het CGG.", "Le SSM.", "The CGG."), ["doc.text.fr: cgg: none of the decided renderings (CGG)"]),
        # The longer term decides: "gespecialiseerde drughulpverlening" asks for the specialised rendering only.
        (t("De gespecialiseerde drughulpverlening.", "L'aide spécialisée en matière de drogues.", "Specialised drug services."), []),
        (
            t("De gespecialiseerde drughulpverlening en de drughulpverlening.", "L'aide spécialisée en matière de drogues.", "Specialised drug services."),
            ["doc.text.fr: drughulp: none of the decided renderings (aide en matière de drogues)"],
        ),
    ],
)
def test_terminology_check(text, expected):
    assert terminology_problems([(("doc", "text"), text)], TERMS) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (t("Het CGG.", "Le CGG (centre de santé mentale flamand).", "The CGG."), []),
        (t("Het CGG.", "Le SSM.", "The CGG."), ["doc.text.fr: 'SSM' (cgg) must not be used"]),
        # Where the Dutch does not speak of a CGG, a Walloon SSM is a right rendering.
        (t("De diensten in Wallonië.", "Les SSM en Wallonie.", "The services in Wallonia."), []),
        (
            t("Zelforganisaties.", "Des usagers problématiques.", "Self-organisations."),
            ["doc.text.fr: 'usagers problématiques' (calque) must not be used", "doc.text.en: 'self-organisations' (calque) must not be used"],
        ),
        # A quoted Dutch original may keep its words.
        (t("Zelforganisaties.", "Le terme « usagers problématiques ».", "The term “self-organisations”."), []),
    ],
)
def test_wrong_renderings_check(text, expected):
    assert wrong_rendering_problems([(("doc", "text"), text)], TERMS) == expected


def test_whole_words_only():
    assert uses("Un service ambulatoire", "ambulatoire")
    assert not uses("Les ambulatoires", "ambulatoire")
    assert uses("CGG-preventiewerkers", "CGG-")
    assert not uses("ambulantes", "ambulant")


def test_content_uses_the_decided_terminology(content):
    problems = terminology_problems(all_texts(content), content.terminology)
    assert not problems, f"{len(problems)} text(s):\n" + "\n".join(problems)


def test_content_has_no_wrong_rendering(content):
    problems = wrong_rendering_problems(all_texts(content), content.terminology)
    assert not problems, f"{len(problems)} text(s):\n" + "\n".join(problems)


def test_every_terminology_check_can_fail(content):
    """A decided rendering may not be a Dutch form: a French or English text that keeps the Dutch
    word must fail (Flemish bodies that keep their Dutch name are the exception: their check is the
    wrong-renderings list)."""
    for term in content.terminology.terms:
        keeps_name = {f.lower() for f in term.nl} & {f.lower() for f in term.fr + term.en}
        if keeps_name:
            assert term.wrong.fr or term.wrong.en, f"{term.id}: keeps the Dutch name but lists no wrong rendering"
            continue
        dutch = term.nl[0]
        assert terminology_problems([(("x",), t(dutch, dutch, dutch))], content.terminology), term.id


def test_glossary_match_lists_can_fail(content):
    """A glossary check whose French or English forms include a Dutch form passes when the Dutch is
    simply copied: only proper names, which stay the same in every language, may do that."""
    for term in content.glossary.terms:
        if term.abbr is None or term.abbr.proper_name:
            continue
        for lang in ("fr", "en"):
            shared = set(term.match.nl) & set(getattr(term.match, lang))
            assert not shared, f"{term.id}: match.{lang} accepts the Dutch form(s) {sorted(shared)}"


def test_no_point_median(content):
    offenders = [".".join(map(str, path)) for path, text in all_texts(content) if "·" in text.fr]
    assert not offenders, offenders


@pytest.mark.parametrize(
    "lang, source, expected",
    [
        ("fr", "Source: DRUGINT ; voir « ici »", "Source\u00a0: DRUGINT\u202f; voir «\u202fici\u202f»"),
        ("fr", "Attention! 10% de 1.500 personnes", "Attention\u202f! 10\u202f% de 1\u202f500 personnes"),
        ("fr", "l'aide \"x\" 10:30 https://x.be/?a=b", "l’aide «\u202fx\u202f» 10:30 https://x.be/?a=b"),
        ("en", "the «guide» and \"this\" it's 'A&D'", "the “guide” and “this” it’s ‘A&D’"),
    ],
)
def test_typography_rules(lang, source, expected):
    assert {"fr": french, "en": english}[lang](source) == expected


def test_an_apostrophe_after_a_tag_stays_an_apostrophe():
    assert apply("<p><abbr>VAD</abbr>'s guide, 'quoted'</p>", "en") == "<p><abbr>VAD</abbr>’s guide, ‘quoted’</p>"
    assert apply("<p>a word</p><p>'quoted'</p>", "en") == "<p>a word</p><p>‘quoted’</p>"


def test_typography_leaves_markup_alone():
    page = '<p title="l\'a">l&#39;aide : <code>a\'b</code></p><script>var a = "x";</script>'
    assert apply(page, "fr") == '<p title="l\'a">l’aide\u00a0: <code>a\'b</code></p><script>var a = "x";</script>'


@pytest.mark.parametrize(
    "lang, page, expected",
    [
        ("fr", "<p>Source\u00a0: «\u202fx\u202f» l’aide\u202f!</p>", []),
        ("fr", "<p>Source: « x »</p>", ["ordinary space before ; ! ? or »: …Source: « x »…", "no space before :: …Source: « x »…",
                                         "ordinary or no space after «: …Source: « x »…", "ordinary or no space before »: …Source: « x »…"]),
        ("en", "<p>the « guide » it's</p>", ["« or » in English: …the « guide » it's…", "« or » in English: …the « guide » it's…",
                                             "straight apostrophe: …the « guide » it's…"]),
    ],
)
def test_typography_check(lang, page, expected):
    assert violations(page, lang) == expected
