"""content/conclusions.yaml against MATREMI (seed 001): terminology, register and meaning fixes."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nl", "fr", "en")


def texts(doc):
    """Every T of the conclusions document, with a label saying where it is."""
    yield "title", doc.title
    yield "lead", doc.lead
    for section in doc.sections:
        yield f"{section.id}.heading", section.heading
        for i, block in enumerate(section.blocks):
            where = f"{section.id}[{i}]"
            if block.p is not None:
                yield where, block.p
            for j, item in enumerate(block.list or []):
                yield f"{where}.list[{j}]", item
            if block.table is not None:
                if block.table.caption is not None:
                    yield f"{where}.caption", block.table.caption
                for k, cell in enumerate(block.table.header):
                    yield f"{where}.header[{k}]", cell
                for r, row in enumerate(block.table.rows):
                    for k, cell in enumerate(row):
                        yield f"{where}.row[{r}][{k}]", cell


@pytest.fixture(scope="module")
def doc(content):
    return content.conclusions


@pytest.fixture(scope="module")
def section(doc):
    by_id = {s.id: s for s in doc.sections}

    def get(sid, lang):
        s = by_id[sid]
        parts = [s.heading[lang]]
        for block in s.blocks:
            if block.p is not None:
                parts.append(block.p[lang])
            parts.extend(item[lang] for item in block.list or [])
            if block.table is not None:
                t = block.table
                if t.caption is not None:
                    parts.append(t.caption[lang])
                parts.extend(c[lang] for c in t.header)
                parts.extend(c[lang] for row in t.rows for c in row)
        return re.sub(r"\s+", " ", " ".join(parts))

    return get


def whole_word(term):
    return re.compile(r"(?<![\w&])" + re.escape(term) + r"(?![\w&])", re.IGNORECASE)


def test_no_point_median_anywhere(doc):
    bad = [(where, lang) for where, t in texts(doc) for lang in LANGS if "·" in t[lang]]
    assert bad == []


def test_no_slash_gender_forms_in_french(doc):
    pattern = re.compile(r"\b(le/la|du/de la|ils/elles|il/elle|celui/celle)\b")
    bad = [where for where, t in texts(doc) if pattern.search(t.fr)]
    assert bad == []


def test_cgg_stays_cgg_and_is_glossed(section):
    for sid in ("registration", "flanders-presence-policy", "flanders-inequalities"):
        fr, en = section(sid, "fr"), section(sid, "en")
        assert not re.search(r"\bSSM\b", fr), sid
        assert not re.search(r"\bSSM\b", en), sid
    assert re.search(r"CGG [(–] ?centres? de santé mentale flamands?", section("registration", "fr"))
    assert re.search(r"CGG [(–] ?Flemish mental health centres?", section("registration", "en"))


def test_english_uses_no_french_quotes(doc):
    bad = [where for where, t in texts(doc) if "«" in t.en or "»" in t.en]
    assert bad == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_title_leads_with_its_own_language(doc, lang):
    title = doc.title[lang]
    assert not re.match(r"(?i)\s*(MATREMI\s*:\s*)?(conclusies|samenvatting)\b", title)
    assert {"fr": "conclusions", "en": "conclusions"}[lang] in title.lower()


def test_terminology_of_this_file(content):
    """The content-wide checks of tests/test_language.py, on this file's texts alone."""
    from kennisbank.content import walk_texts
    from kennisbank.language import terminology_problems, wrong_rendering_problems

    texts_here = list(walk_texts(content.conclusions, ("conclusions",)))
    assert terminology_problems(texts_here, content.terminology) == []
    assert wrong_rendering_problems(texts_here, content.terminology) == []


def test_federal_bodies_without_dutch_gloss(doc):
    pattern = re.compile(r"(INAMI|NIHDI|CPAS|PCSW|SPF|FPS)\s*\((RIZIV|OCMW|FOD)")
    bad = [where for where, t in texts(doc) for lang in ("fr", "en") if pattern.search(t[lang])]
    assert bad == []


def test_emcdda_named_with_euda(doc):
    for where, t in texts(doc):
        if "EMCDDA" in t.nl:
            assert "EUDA" in t.fr and "EUDA" in t.en, where
    assert "OEDT, aujourd'hui EUDA" in " ".join(t.fr for _, t in texts(doc))


def test_joint_declaration_official_names(section):
    assert "Déclaration conjointe de la Conférence interministérielle Drogues" in section("background", "fr")
    assert "Joint Declaration of the Interministerial Conference on Drugs" in section("background", "en")
    for lang in ("fr", "en"):
        assert "Gemeenschappelijke verklaring" not in section("background", lang)
        assert "Witboek" not in section("background", lang)
    assert "« Livre blanc sur l'accès aux soins en Belgique »" in section("background", "fr")


def test_wegwijzer_title_leads_with_translation(section):
    fr, en = section("methods", "fr"), section("methods", "en")
    assert fr.index("« Recueil sur l'accessibilité") < fr.index("Wegwijzer")
    assert en.index("guide to accessible and intercultural drug services") < en.index("Wegwijzer")


def test_practices_aim_at_reach_rather_than_achieve_it(doc, section):
    # MATREMI: practices "gericht op het verhogen van" reach, access and retention (an aim).
    assert "gericht zijn op het vergroten" in doc.lead.nl
    assert "visent à augmenter" in doc.lead.fr
    assert "aim to increase" in doc.lead.en
    assert "gericht zijn op het vergroten" in section("background", "nl")
    assert "visent à augmenter" in section("background", "fr")
    assert "aimed at increasing" in section("background", "en")


def test_background_keeps_often_more_exposed_and_asylum_seekers(section):
    assert "vaak meer blootgesteld" in section("background", "nl")
    assert "souvent davantage exposés" in section("background", "fr")
    assert "often more exposed" in section("background", "en")
    assert "asielaanvragers" in section("background", "nl")
    assert "demandeurs d'asile" in section("background", "fr")
    assert "asylum seekers" in section("background", "en")


def test_rq2_pitfalls_translated_into_recommendations(section):
    assert "hoe kunnen die vertaald worden naar aanbevelingen" in section("background", "nl")
    assert "comment les traduire en recommandations" in section("background", "fr")
    assert "how can they be translated into" in section("background", "en")


def test_accountability_utmost_and_consulted(section):
    assert "uiterste best" in section("accountability", "nl")
    assert "tout leur possible" in section("accountability", "fr")
    assert "did their utmost" in section("accountability", "en")
    assert "geraadpleegd" in section("accountability", "nl")
    assert "consultées" in section("accountability", "fr")
    assert "were consulted" in section("accountability", "en")
    assert "niet allemaal eens" in section("accountability", "nl")
    assert "pas toutes" in section("accountability", "fr")
    assert "may not all" in section("accountability", "en")


def test_tdi_nationality_as_a_result_of_protocol(section):
    assert "als gevolg van de richtlijnen" in section("registration", "nl")
    assert "à la suite des lignes directrices" in section("registration", "fr")
    assert "as a result of the guidelines" in section("registration", "en")
    assert "Andere Europese bevragingen" in section("registration", "nl")


def test_health_europe_projects_are_examples_and_risk_factors_contribute(section):
    nl, fr, en = (section("health-europe", lang) for lang in LANGS)
    assert "bijvoorbeeld CARE" in nl and "par exemple CARE" in fr and "for example CARE" in en
    assert "bijdragen aan een slechtere gezondheid" in nl
    assert "vaak meer blootgesteld" in nl
    assert "souvent davantage exposés" in fr
    assert "often more exposed" in en
    assert "asielaanvragers" in nl and "demandeurs d'asile" in fr and "asylum seekers" in en


def test_prevalence_hedges_and_links(section):
    assert "zou dat laatste kunnen verhelpen" in section("prevalence-europe", "nl")
    assert "pourrait remédier" in section("prevalence-europe", "fr")
    assert "could remedy" in section("prevalence-europe", "en")
    assert "besluiten dan ook" in section("prevalence-europe", "nl")
    assert "therefore conclude" in section("prevalence-europe", "en")
    assert "onontbeerlijk" in section("prevalence-belgium", "nl")
    assert "indispensable" in section("prevalence-belgium", "fr")
    assert "indispensable" in section("prevalence-belgium", "en")
    assert "asielaanvragers" in section("prevalence-belgium", "nl")
    assert "demandeurs d'asile" in section("prevalence-belgium", "fr")
    assert "asylum seekers" in section("prevalence-belgium", "en")


def test_mem_presence_keeps_must_take_into_account(section):
    assert "moet men ook rekening houden" in section("mem-in-belgian-drug-services", "nl")
    assert "Il faut évidemment tenir compte" in section("mem-in-belgian-drug-services", "fr")
    assert "must of course also be taken into account" in section("mem-in-belgian-drug-services", "en")
    assert "asielzoekers" in section("mem-in-belgian-drug-services", "nl")


def test_flanders_presence_points_to_rather_than_proves(section):
    nl = section("flanders-presence-policy", "nl")
    assert "Dat wijst op een ondervertegenwoordiging" in nl
    assert "Noot van de redactie: het rapport noemt bij beide cijfers 2013" in nl
    assert "Note de la rédaction : le rapport indique 2013" in section("flanders-presence-policy", "fr")
    assert "Editor's note: the report gives 2013" in section("flanders-presence-policy", "en")
    assert "« Note conceptuelle sur le traitement" in section("flanders-presence-policy", "fr")
    assert "“Concept note on the treatment" in section("flanders-presence-policy", "en")


def test_flanders_inequalities_modality_and_hedges(section):
    nl, fr, en = (section("flanders-inequalities", lang) for lang in LANGS)
    # MSOC: "vaak geen of weinig vereisten"
    assert "vaak weinig of geen eisen" in nl
    assert "souvent peu ou pas d'exigences" in fr
    assert "often set few or no" in en
    assert "Europese probleemgebruikers" in nl
    # GP: populations "eerder geneigd" to ask their GP
    assert "eerder geneigd" in nl and "enclins" in fr and "inclined" in en
    # postponing care "zou een reden kunnen zijn"
    assert "zou een reden kunnen zijn" in nl
    assert "pourrait aussi être une raison" in fr
    assert "could also be a reason" in en
    # further research "aangewezen"
    assert "redenen voor uitval is dus aangewezen" in nl
    assert "il est donc indiqué" in fr
    assert "therefore advisable" in en
    # translators (vertalers), not only interpreters
    assert "vertalers en interculturele bemiddelaars" in nl
    assert "traducteurs et à des médiateurs" in fr
    assert "translators and intercultural mediators" in en
    # trust: no added "moet"
    assert "de cliënt moet de hulpverlener" not in nl
    assert "niet alleen het vertrouwen van de cliënt" in nl
    # skills must be preceded by conditions; outreach crucial (not "pas ... als")
    assert "moet echter voorafgegaan" in nl
    assert "doit toutefois être précédé" in fr
    assert "must, however, be preceded" in en
    assert "pas bereikt als" not in nl
    assert "cruciaal zijn om MEM te bereiken" in nl
    # clients "mogelijks" do not speak the language
    assert "cliënten mogelijk de taal niet" in nl
    assert "ne parlent peut-être pas" in fr
    assert "may not speak the language" in en


def test_wallonia_brussels_hedges_and_links(section):
    nl, fr, en = (section("wallonia-brussels", lang) for lang in LANGS)
    # "lijkt het erop dat gezondheidswerkers niet systematisch ..."
    assert "lijken gezondheidswerkers" in nl
    assert "ne semblent cependant pas" in fr
    assert "do not seem to systematically" in en
    # TC and crisis shares only "lijkt" proportional; the report's later wording noted
    assert "Lijkt evenredig met de bevolking (Noot van de redactie:" in nl
    assert "Semble proportionnelle à la population (Note de la rédaction :" in fr
    assert "Appears to be in proportion to the population (Editor's note:" in en
    # views on language "lijken" to differ; mental health care "daarom" prefers interpreters
    assert "lijken uiteen te lopen" in nl and "semblent diverger" in fr and "seem to differ" in en
    assert "werken daarom liever" in nl and "préfèrent donc" in fr and "therefore prefer" in en
    assert "oververtegenwoordigd zijn in laagdrempelige diensten" in nl
    # some respondents felt the lack of structural resources hampers their work
    assert "hun werk bemoeilijkt" in nl and "complique leur travail" in fr and "makes their work harder" in en
    # EU citizens: confirmed hidden population; posted workers "waardoor" less use of care
    assert "bevestigen dat EU-onderdanen" in nl
    assert "daardoor minder een beroep" in nl and "recourent donc moins" in fr and "therefore make less use" in en
    assert "asielzoekers" in nl and "demandeurs d'asile" in fr and "asylum seekers" in en


def test_inspiring_practices_quotations_hedges_and_notes(section):
    nl, fr, en = (section("inspiring-practices-europe", lang) for lang in LANGS)
    # Measham and Priebe are quoted (own translation), and marked as quotations
    assert "„een systeem dat vooral gericht is op preventie bij jongeren" in nl
    assert "« un système surtout axé sur la prévention" in fr
    assert "“a system focused mainly on prevention" in en
    assert "dat bijgevolg de bestaande data" in nl
    assert "par conséquent, les données existantes" in fr
    assert "consequently the existing data" in en
    assert "grote nood" in nl and "grand besoin" in fr and "greatly needed" in en
    # the report's "UNHR" kept, with an editor's note
    assert "Noot van de redactie: het rapport schrijft „UNHR”" in nl
    assert "Note de la rédaction : le rapport écrit « UNHR »" in fr
    assert "Editor's note: the report writes “UNHR”" in en
    assert "asielzoekers" in nl and "demandeurs d'asile" in fr and "asylum seekers" in en
    # "zou eruit kunnen bestaan"; "i.e." (not an example list)
    assert "zou erin kunnen bestaan" in nl and "pourrait consister" in fr and "could be to" in en
    assert "(d.w.z. outreach" in nl and "(c'est-à-dire l'outreach" in fr and "(i.e. outreach" in en
    assert fr.index("« Recueil sur l'accessibilité") < fr.index("Wegwijzer")
    assert en.index("guide to accessible and intercultural drug services") < en.index("Wegwijzer")


def test_survey_practices_aimed_at_increasing(section):
    assert "gericht zijn op het vergroten van bereik" in section("inspiring-practices-europe", "nl")


def test_refugee_aid_attention_to_drug_services(section):
    # "aandacht voor drughulpverlening [blijkt] geen prioriteit"
    assert "aandacht voor drughulpverlening geen prioriteit blijkt" in section("background", "nl")
    assert "l'attention portée à l'aide en matière de drogues" in section("background", "fr")
    assert "attention to drug services does not turn out to be a priority" in section("background", "en")
