"""The organisation page (VAD's 2013 proposal) and the glossary say what their sources say, in Dutch,
French and English: the fixes of issues 12 and 13, pinned."""

import re

import pytest

from kennisbank.content import walk_texts

LANGS = ("nl", "fr", "en")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _section(content, section_id):
    return next(s for s in content.organisation.sections if s.id == section_id)


def _section_text(content, section_id, lang):
    out = []
    for b in _section(content, section_id).blocks:
        if b.p:
            out.append(b.p[lang])
        if b.list:
            out.extend(item[lang] for item in b.list)
    return _flat(" ".join(out))


def _term(content, term_id):
    return next(t for t in content.glossary.terms if t.id == term_id)


def _definition(content, term_id, lang):
    return _flat(_term(content, term_id).definition[lang])


def _organisation_texts(content, lang):
    return [_flat(t[lang]) for _, t in walk_texts(content.organisation)]


def test_titles_lead_with_the_translation(content):
    title = content.organisation.title
    assert title.fr.startswith("Proposition de structure organisationnelle")
    assert title.en.startswith("Proposed organisational structure")


# Modality and hedges of the source, restored in Dutch and followed in French and English.
@pytest.mark.parametrize(
    "section_id, expected",
    [
        # "Anderzijds kan de categoriale sector flexibel ... blijven voldoen" (not "wil").
        ("introduction", {"nl": "Anderzijds kan de sector soepel blijven voldoen", "fr": "D'autre part, il peut continuer",
                          "en": "On the other hand, the sector can continue"}),
        # "De ... moeten dit aanbod invullen en op elkaar afstemmen. Hiervoor moet een getrapt ... worden opgezet"
        ("local-level", {"nl": "moeten dat aanbod invullen en op elkaar afstemmen", "fr": "doivent construire cette offre et l'harmoniser",
                         "en": "must provide these services and align them"}),
        ("local-level", {"nl": "Daarvoor moet een getrapt aanbod vroeginterventie worden opgezet",
                         "fr": "Il faut pour cela mettre en place une offre d'intervention précoce graduée",
                         "en": "stepped early intervention services must be set up"}),
        # "Dit budget moet gezamenlijke projecten ... mogelijk maken"
        ("provincial-networks", {"nl": "Dat budget moet gezamenlijke projecten", "fr": "Ce budget doit permettre des projets communs",
                                 "en": "This budget must make joint projects"}),
        # "Daarnaast kunnen binnen het NMp keuzes worden gemaakt"
        ("provincial-networks", {"nl": "keuzes kunnen maken", "fr": "Pouvoir faire des choix", "en": "Be able to make choices"}),
        # "In sommige provincies kan ervoor gekozen worden"
        ("provincial-networks", {"nl": "In sommige provincies kan men", "fr": "Dans certaines provinces, on peut choisir",
                                 "en": "In some provinces, the provincial level can be split"}),
        # "De beslissingsbevoegdheid ligt bij de Vlaamse overheid"
        ("flemish-level", {"nl": "De beslissingsbevoegdheid ligt bij de Vlaamse overheid", "fr": "Le pouvoir de décision appartient aux autorités flamandes",
                           "en": "Decision-making power lies with the Flemish government"}),
        # "Het is belangrijk om een gemeenschappelijke taal te spreken" (not "Iedereen moet")
        ("preconditions", {"nl": "Het is belangrijk een gemeenschappelijke taal te spreken", "fr": "Il est important de parler un langage commun",
                           "en": "It is important to speak a common language"}),
        # "Voor een betere organisatie van de instroom is het belangrijk te investeren"
        ("preconditions", {"nl": "is het belangrijk te investeren in verdere professionalisering", "fr": "il est important d'investir",
                           "en": "it is important to invest in further professionalising"}),
        # "Sommige cliënten kunnen immers terechtkomen in een ander NMp"
        ("preconditions", {"nl": "sommige cliënten kunnen in een ander NMp terechtkomen", "fr": "certains clients peuvent aboutir dans un autre NMp",
                           "en": "some clients may end up in another NMp"}),
        # "Een goed werkend NMp moet gedragen worden door een gemeenschappelijke visie"
        ("preconditions", {"nl": "moet gedragen worden door een gemeenschappelijke visie", "fr": "doit être porté par une vision commune",
                           "en": "must be backed by a shared vision"}),
        # "Dit dient niet enkel bij de opstart ... maar ook op een meer permanente basis"
        ("preconditions", {"nl": "Dat meten moet niet alleen gebeuren bij de opstart", "fr": "Cette mesure doit avoir lieu non seulement",
                           "en": "This measuring must happen not only"}),
        # "vruchtbare kruisbestuiving"; "eigen, specifieke vormingsnoden"
        ("preconditions", {"nl": "vruchtbare kruisbestuiving", "fr": "fertilisation croisée fructueuse", "en": "fruitful cross-fertilisation"}),
        ("preconditions", {"nl": "eigen, specifieke vormingsnoden", "fr": "besoins de formation propres et spécifiques",
                           "en": "their own, specific training needs"}),
        # "Richtinggevend hierbij is dat deze afspraken moeten leiden tot"
        ("preconditions", {"nl": "Richtinggevend daarbij", "fr": "Le principe directeur", "en": "The guiding principle"}),
        # Federal level: "dienen desgevallend herbekeken te worden" is a "must", not a "should".
        ("federal-alignment", {"nl": "moeten zo nodig herbekeken worden", "fr": "doivent, le cas échéant, être réexaminées",
                               "en": "must be reviewed where necessary"}),
    ],
)
def test_organisation_keeps_the_source_modality(content, section_id, expected):
    for lang in LANGS:
        assert expected[lang] in _section_text(content, section_id, lang), (section_id, lang)


def test_federal_review_is_not_softened_in_english(content):
    assert "should be reviewed" not in _section_text(content, "federal-alignment", "en")


def test_the_source_s_two_names_for_the_flemish_group_get_an_editors_note(content):
    text = {lang: _section_text(content, "provincial-networks", lang) for lang in LANGS}
    assert "Noot van de redactie:" in text["nl"] and "Vlaamse werkgroep Middelenmisbruik" in text["nl"]
    assert "Note de la rédaction :" in text["fr"] and "Vlaamse Adviesgroep" in text["fr"]
    assert "Editor's note:" in text["en"] and "Vlaamse Adviesgroep" in text["en"]


def test_who_carries_out_the_flemish_policy_stays_as_open_as_in_the_source(content):
    # "Zij zorgen voor de uitvoering van het Vlaams beleid (met lokale accenten)" is its own sentence.
    assert "Zij zorgen voor de uitvoering van het Vlaamse beleid" in _section_text(content, "provincial-networks", "nl")


def test_the_decided_terminology_on_the_organisation_page(content):
    fr = " ".join(_organisation_texts(content, "fr"))
    en = " ".join(_organisation_texts(content, "en"))
    assert "secteur spécifique aux assuétudes" in fr and "addiction-specific sector" in en
    assert "CGG (centres de santé mentale flamands)" in fr and "CGG (Flemish mental health centre)" in en
    assert "travailleurs de prévention des CGG" in fr
    assert "évaluation des besoins" in fr and "needs assessment" in en
    assert "basic service planning" in en and "programmation de base" in fr
    assert "peer consultation" in en and "intervision" in fr
    assert "Cellule générale de politique drogues" in fr and "General Drug Policy Cell" in en
    for wrong in ("catégoriel", "préventeur", "SSM", "A&D"):
        assert not re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", fr), wrong
    for wrong in ("categorial", "programming", "intervision", "indication setting", "ambulant", "A&D", "the offer", "an offer"):
        assert not re.search(rf"(?<!\w){re.escape(wrong)}(?!\w)", en, re.IGNORECASE), wrong


def test_diagram_labels_use_the_decided_terminology(content):
    labels = {lang: [] for lang in LANGS}
    for level in content.organisation.diagram.levels:
        for box in level.boxes:
            for lang in LANGS:
                labels[lang].append(box.label[lang])
    for link in content.organisation.diagram.links:
        for lang in LANGS:
            labels[lang].append(link.label[lang])
    fr, en = " | ".join(labels["fr"]), " | ".join(labels["en"])
    assert "Soutien : prévention des CGG et Logo" in fr
    assert "Travailleurs de prévention intercommunaux" in fr
    assert "service planning" in en
    assert "SSM" not in fr and "préventeur" not in fr.lower() and "A&D" not in fr
    assert "programming" not in en and "A&D" not in en and "the offer" not in en


# The glossary.
def test_matremi_says_only_what_the_sources_say_about_who_made_it(content):
    term = _term(content, "matremi")
    assert "uitgegeven door Belspo" in term.expansion.nl
    assert "publiée par Belspo" in term.expansion.fr
    assert "published by Belspo" in term.expansion.en
    # The summary (the source) names no researchers; the sources page holds the verified project data.
    assert "noemt zelf de onderzoekers niet" in _definition(content, "matremi", "nl")
    assert "ne nomme pas elle-même les chercheurs" in _definition(content, "matremi", "fr")
    assert "does not itself name the researchers" in _definition(content, "matremi", "en")
    for lang, word in (("nl", "financierde MATREMI"), ("fr", "a notamment financé MATREMI"), ("en", "funded MATREMI")):
        assert word not in _definition(content, "belspo", lang)


def test_drugint_is_a_ghent_university_study_funded_by_fedasil(content):
    exp = _term(content, "drugint").expansion
    assert "Universiteit Gent" in exp.nl and "gefinancierd door Fedasil" in exp.nl
    assert "Université de Gand" in exp.fr and "financée par Fedasil" in exp.fr
    assert "Ghent University" in exp.en and "funded by Fedasil" in exp.en
    for lang in LANGS:
        assert "DRUGINT" not in _definition(content, "belspo", lang)


@pytest.mark.parametrize(
    "term_id, expected",
    [
        # ELEA ended *because* the AMIF funding was stopped.
        ("amif", {"nl": "bestaat niet meer omdat de AMIF-financiering", "fr": "n'existe plus parce que", "en": "no longer exists because"}),
        # The EPSI case manager's support follows consultation with the client; it is not conditional.
        ("epsi", {"nl": "Na overleg met de cliënt ondersteunt de casemanager", "fr": "Après concertation avec le client, le case manager",
                  "en": "After consultation with the client, the case manager"}),
        # MSOC: "niet alleen ... maar ook voor de omgeving".
        ("msoc", {"nl": "maar ook voor de omgeving", "fr": "mais aussi à réduire pour l'entourage", "en": "but also to reduce the risk for the surrounding community"}),
        # "CARDA, Parsame en ELEA bieden mogelijks inspiratie".
        ("carda", {"nl": "mogelijke inspiratie", "fr": "sources d'inspiration possibles", "en": "possible inspiration"}),
        # "hoewel evaluatiestudies in dit domein nog beperkt zijn".
        ("unhcr", {"nl": "al zijn evaluatiestudies op dat vlak nog beperkt", "fr": "restent limitées", "en": "are still limited"}),
        # Harm reduction: "gezondheids-, sociale en economische gevolgen".
        ("harm-reduction", {"nl": "gezondheids-, sociale en economische gevolgen", "fr": "sanitaires, sociales et économiques",
                            "en": "health, social and economic consequences"}),
        # PTSD "kan ook ontstaan".
        ("ptsd", {"nl": "ook kan ontstaan", "fr": "peut aussi naître", "en": "can also arise"}),
        # Match-It: registration and referral each have an alternative.
        ("match-it", {"nl": "hetzij via jaarlijkse momentopnames", "fr": "soit par des relevés ponctuels annuels", "en": "either through annual snapshots"}),
        # DRUGINT on urgent medical assistance: fundamental rights regardless of status are a priority.
        ("urgent-medical-assistance", {"nl": "onafhankelijk van hun statuut, prioritair", "fr": "quel que soit leur statut", "en": "regardless of their status, a priority"}),
        # The SPOC "brengt hier mogelijks verandering in".
        ("spoc", {"nl": "mogelijks verandering", "fr": "pourrait changer", "en": "may change"}),
        # NBMV: "zoveel mogelijk concentreren in kleine opvangcentra".
        ("nbmv-mena", {"nl": "zoveel mogelijk", "fr": "autant que possible", "en": "as far as possible"}),
        # The GGZ is a privileged partner, "doch niet de enige".
        ("ggz", {"nl": "maar niet de enige", "fr": "mais pas le seul", "en": "but not the only one"}),
        # Early intervention potential "is centrum-afhankelijk".
        ("early-intervention", {"nl": "al hangt dat af van het centrum", "fr": "même si cela dépend du centre", "en": "although this depends on the centre"}),
        # The TDI left the Belgian protocol *as a result of* the third protocol.
        ("tdi", {"nl": "bijgevolg in 2015", "fr": "en conséquence", "en": "as a result"}),
        # EMCDDA, now EUDA.
        ("emcdda", {"nl": "(EUDA)", "fr": "(EUDA)", "en": "(EUDA)"}),
    ],
)
def test_glossary_definitions_keep_the_source_s_links_and_hedges(content, term_id, expected):
    for lang in LANGS:
        assert expected[lang] in _definition(content, term_id, lang), (term_id, lang)


def test_pod_migratie_has_one_fixed_form_and_an_editors_note(content):
    assert "Noot van de redactie:" in _definition(content, "pod", "nl")
    assert "« POD Migratie » (nom tel qu'imprimé dans la source)" in _definition(content, "pod", "fr")
    assert "“POD Migratie” (as the source names it)" in _definition(content, "pod", "en")
    assert "migration administration" not in _term(content, "pod").match.en
    assert "administration de la migration" not in _definition(content, "pod", "fr")


def test_glossary_keeps_cgg_and_drops_facts_the_sources_do_not_give(content):
    assert "SSM" not in _term(content, "cgg").expansion.fr
    assert "centre de santé mentale flamand" in _term(content, "cgg").expansion.fr
    assert "beheert de DrugLijn" not in _definition(content, "vad", "nl")
    assert "Verplichte" not in _definition(content, "mpg", "nl")
    assert "worden via het RIZIV gefinancierd" not in _definition(content, "riziv", "nl")
    assert "en Brussel" not in _definition(content, "caw", "nl")
