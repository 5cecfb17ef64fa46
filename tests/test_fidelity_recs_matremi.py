"""MATREMI recommendations and themes say what the source says (issues 12 and 13), in each language."""

import re

import pytest

LANGS = ("nl", "fr", "en")


def _rec(content, rid):
    return next(r for r in content.recommendations if r.id == rid)


def _theme(content, tid):
    return next(t for t in content.themes if t.id == tid)


def _matremi_recs(content):
    return [r for r in content.recommendations if r.id.startswith("matremi-")]


def _theme_texts(theme):
    for block in theme.intro or []:
        if block.p is not None:
            yield block.p
        for item in block.list or []:
            yield item


def _all_matremi_texts(content):
    for r in _matremi_recs(content):
        yield r.id, r.text
    for t in content.themes:
        if t.id.startswith("matremi-"):
            yield t.id, t.title
            for text in _theme_texts(t):
                yield t.id, text


def _has(text, phrase):
    return phrase.lower() in " ".join(text.split()).lower()


# (record, {lang: phrases that must appear}, {lang: phrases that must not appear})
PINS = [
    # 2.1: the initiatives aim to promote accessibility ("ter bevordering van"), not an achieved effect
    (
        "matremi-2.1",
        {"nl": ["willen bevorderen"], "fr": ["visant à favoriser"], "en": ["aimed at promoting"]},
        {"nl": ["toegankelijker maken"], "fr": ["qui rendent les soins"], "en": ["that make health care more"]},
    ),
    # 1.1: "arbeidsdomein", not "arbeidsmarkt"
    (
        "matremi-1.1",
        {"nl": ["arbeidsdomein"], "fr": ["domaine du travail"], "en": ["field of work"]},
        {"nl": ["arbeidsmarkt"], "fr": ["marché du travail"], "en": ["labour market"]},
    ),
    # 2.6.2: "is het van belang", not "moet"
    (
        "matremi-2.6.2",
        {"nl": ["is het van belang"], "fr": ["il importe"], "en": ["it is important"]},
        {"nl": ["moet"], "fr": ["doit"], "en": ["should", "must"]},
    ),
    # 4.1.2: the services must stay free ("gratis blijven")
    (
        "matremi-4.1.2",
        {"nl": ["moeten deze diensten gratis blijven"], "fr": ["demeurer gratuits"], "en": ["remain free of charge"]},
        {"nl": ["niets kosten"], "fr": [], "en": []},
    ),
    # 6.1.5: translate (parts of) the website and brochures; no "desnoods"
    (
        "matremi-6.1.5",
        {"nl": ["delen ervan"], "fr": ["des parties"], "en": ["(parts of)"]},
        {"nl": ["desnoods"], "fr": ["au besoin", "si nécessaire", "à défaut"], "en": ["if necessary", "if need be"]},
    ),
    # 6.3 and 6.4: purposes stay purposes, not achieved effects
    (
        "matremi-6.3",
        {"nl": ["om extra werklast"], "fr": ["afin d'éviter"], "en": ["so as to avoid"]},
        {"nl": ["zo ontstaat"], "fr": ["on évite ainsi"], "en": ["this avoids"]},
    ),
    (
        "matremi-6.4",
        {"nl": ["correct kunnen worden doorverwezen"], "fr": ["puissent être orientées"], "en": ["can be referred"]},
        {"nl": ["zo worden mensen"], "fr": [], "en": []},
    ),
    # 4.3.4: "zouden ... moeten krijgen" (conditional), not an imperative
    (
        "matremi-4.3.4",
        {"nl": ["zouden meer mogelijkheden moeten krijgen"], "fr": ["devraient"], "en": ["should be given"]},
        {"nl": ["geef residentiële"], "fr": [], "en": []},
    ),
    # 7.1: "het niet geloven in" the proposed treatment, not "twijfelen aan"
    (
        "matremi-7.1",
        {"nl": ["niet geloven in"], "fr": ["ne pas croire en"], "en": ["not believing in"]},
        {"nl": ["twijfelen"], "fr": ["abordez"], "en": []},
    ),
    # 7.5: "begeleiding ... om uitval te vermijden", no added "moet"
    (
        "matremi-7.5",
        {"nl": ["professioneel begeleiden"], "fr": ["accompagner"], "en": ["professional support"]},
        {"nl": ["moet"], "fr": [], "en": []},
    ),
    # 4.1.7: CGG keeps its name (never SSM); federal bodies by their official names
    (
        "matremi-4.1.7",
        {"nl": ["POD Maatschappelijke Integratie"], "fr": ["SPP Intégration sociale", "CGG"], "en": ["PPS Social Integration", "CGG"]},
        {"nl": [], "fr": ["SSM", "POD Maatschappelijke"], "en": ["POD Maatschappelijke"]},
    ),
    # 1.1: the Data Protection Authority by its official name, no Dutch gloss
    (
        "matremi-1.1",
        {"nl": ["gegevensbeschermingsautoriteit"], "fr": ["Autorité de protection des données"], "en": ["Data Protection Authority"]},
        {"nl": [], "fr": ["gegevensbeschermingsautoriteit"], "en": ["gegevensbeschermingsautoriteit"]},
    ),
]


@pytest.mark.parametrize("rid,must,must_not", PINS, ids=[p[0] for p in PINS])
def test_pinned_fix(content, rid, must, must_not):
    text = _rec(content, rid).text
    for lang in LANGS:
        for phrase in must.get(lang, []):
            assert _has(text[lang], phrase), f"{rid} {lang} lacks {phrase!r}"
        for phrase in must_not.get(lang, []):
            assert not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text[lang], re.I), f"{rid} {lang} has {phrase!r}"


def test_3_5_names_a_flemish_portfolio_and_is_tagged_flanders_only(content):
    rec = _rec(content, "matremi-3.5")
    assert rec.regions == ["flanders"]
    assert "integration-policy" in rec.actors and "flemish-government" in rec.actors
    assert _has(rec.text.nl, "Inburgering en Integratie")
    assert _has(rec.text.fr, "Intégration civique")
    assert _has(rec.text.en, "Civic Integration")
    assert not _has(rec.text.en, "Civic Integration and Integration")


def test_7_7_3_keeps_the_reference_to_8_7_with_an_editors_note(content):
    text = _rec(content, "matremi-7.7.3").text
    notes = {"nl": "Noot van de redactie:", "fr": "Note de la rédaction :", "en": "Editor's note:"}
    for lang in LANGS:
        assert "aanbeveling 8.7" in text.nl
        assert "8.7" in text[lang]
        assert notes[lang] in text[lang]
        assert "8.6" in text[lang].split(notes[lang])[1]


def test_pod_migratie_has_one_fixed_form_and_an_editors_note(content):
    forms = {
        "fr": "« POD Migratie » (nom tel qu'imprimé dans la source)",
        "en": "“POD Migratie” (as the source names it)",
    }
    notes = {"nl": "Noot van de redactie:", "fr": "Note de la rédaction :", "en": "Editor's note:"}
    seen = 0
    for where, text in _all_matremi_texts(content):
        if "POD Migratie" not in text.nl:
            continue
        seen += 1
        for lang in ("fr", "en"):
            assert forms[lang] in text[lang], (where, lang)
        for lang in LANGS:
            assert notes[lang] in text[lang], (where, lang)
    assert seen == 2  # theme 4 introduction and 2.6.1


def test_french_recommendations_use_the_infinitive_without_address_or_point_median(content):
    for rec in _matremi_recs(content):
        fr = rec.text.fr
        assert "·" not in fr, rec.id
        assert not re.search(r"(?<![\w-])(vous|votre|vos)(?![\w-])", fr, re.I), rec.id
        assert not re.search(r"(?:^|[.;:] )[A-ZÀ-Ý]\w+ez\b", fr), rec.id  # imperative opening a sentence
    for rec in _matremi_recs(content):
        if rec.number.startswith("7.") and rec.number != "7.8":
            first = rec.text.fr.split()[0]
            assert re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]+(er|ir|re)", first), (rec.id, first)


def test_official_names_for_federal_bodies_and_documents(content):
    theme = _theme(content, "matremi-2")
    white_paper = list(_theme_texts(theme))[1]
    assert "« Livre blanc sur l'accès aux soins en Belgique » (INAMI, 2014)" in white_paper.fr
    assert "“White Paper on Access to Care in Belgium” (NIHDI, 2014)" in white_paper.en
    assert "Witboek" not in white_paper.fr and "Witboek" not in white_paper.en
    for rid in ("matremi-1.3", "matremi-1.4", "matremi-2.4", "matremi-8.6"):
        text = _rec(content, rid).text
        assert "SPF Santé publique" in text.fr and "FPS Public Health" in text.en, rid
        assert "FOD" not in text.fr and "FOD" not in text.en, rid


def test_no_calques_in_matremi_french_and_english(content):
    wrong = {
        "fr": ["socialisation des soins", "auto-organisations", "usagers problématiques", "SSM", "équivalents flamands des SSM"],
        "en": ["socialisation of care", "self-organisations", "intervision", "ambulant", "Civic Integration and Integration", "«", "»"],
    }
    for where, text in _all_matremi_texts(content):
        for lang, phrases in wrong.items():
            for phrase in phrases:
                assert not re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text[lang], re.I), (where, lang, phrase)


def test_theme_intros_keep_the_source_modality(content):
    t3 = list(_theme_texts(_theme(content, "matremi-3")))[1]
    assert _has(t3.nl, "in het bijzonder om erop toe te zien") and not _has(t3.nl, "moeten ze")
    assert not _has(t3.fr, "ils doivent") and not _has(t3.en, "they should")
    t8 = list(_theme_texts(_theme(content, "matremi-8")))
    stigma = t8[-1]
    assert _has(stigma.nl, "is het ook van belang")
    assert _has(stigma.fr, "il importe aussi") and _has(stigma.en, "it is also important")
    t4 = list(_theme_texts(_theme(content, "matremi-4")))[2]
    assert _has(t4.nl, "in plaats van") and _has(t4.fr, "plutôt que") and _has(t4.en, "rather than")
