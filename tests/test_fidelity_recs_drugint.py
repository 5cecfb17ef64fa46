"""DRUGINT recommendations, themes and findings say what the DRUGINT report says (issues 12 and 13)."""

import re

import pytest

from kennisbank.content import walk_texts


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _text(content, rid: str, lang: str) -> str:
    return _flat(content.rec(rid).text[lang])


def _findings(content) -> list:
    return list(walk_texts(content.findings, ("findings",)))


def _finding(content, *needles_nl: str):
    """The one findings text whose Dutch contains every needle."""
    hits = [text for _, text in _findings(content) if all(n in _flat(text.nl) for n in needles_nl)]
    assert len(hits) == 1, (needles_nl, len(hits))
    return hits[0]


def _drugint_texts(content):
    for theme in content.themes:
        if theme.source == "drugint":
            yield from walk_texts(theme, ("themes", theme.id))
    for rec in content.recommendations:
        if rec.source == "drugint":
            yield from walk_texts(rec, ("recommendations", rec.id))
    yield from _findings(content)


@pytest.mark.parametrize(
    "rid, lang, present, absent",
    [
        # 7.1: training for staff is not limited to the methods just named.
        ("drugint-7.1", "nl", ["opleiding voor medewerkers mogelijk maken"], ["daarin"]),
        ("drugint-7.1", "fr", ["rendre possible la formation du personnel"], ["à ces approches"]),
        ("drugint-7.1", "en", ["make training possible for staff"], ["trained in it"]),
        # 9.2: "dient ... te" / moet, with its cause (omdat).
        ("drugint-9.2", "nl", ["moet", "omdat"], ["zou moeten"]),
        ("drugint-9.2", "fr", ["doit", "car"], ["devrait"]),
        ("drugint-9.2", "en", ["must", "because"], ["should"]),
        # 10-WAL-1: regional differences in the absence of services, no cause added.
        ("drugint-10-wal-1", "nl", ["regionale verschillen in het ontbreken van"], []),
        ("drugint-10-wal-1", "fr", ["différences régionales en ce qui concerne l'absence"], ["dues à", "en raison de"]),
        ("drugint-10-wal-1", "en", ["regional differences in the absence of drug services"], ["caused by", "due to"]),
        # 8.4: both the follow-up and the crises are substance-related.
        ("drugint-8.4", "nl", ["middelengerelateerde opvolging en crisissen"], ["opvolging van middelengerelateerde problemen en voor crisissen"]),
        ("drugint-8.4", "fr", ["le suivi et les crises liés aux substances"], []),
        ("drugint-8.4", "en", ["substance-related follow-up and crises"], []),
        # 6.2: the source's preventiemedewerkers, rendered with the decided term, and an editor's note.
        ("drugint-6.2", "nl", ["preventiemedewerkers", "Noot van de redactie:", "CGG"], []),
        ("drugint-6.2", "fr", ["travailleurs de prévention", "Note de la rédaction :", "CGG (centres de santé mentale flamands)"], ["SSM", "collaborateurs de prévention"]),
        ("drugint-6.2", "en", ["prevention workers", "Editor's note:", "Flemish mental health centres (CGG)"], ["prevention staff", "community mental health"]),
        # 10-BXL-2: the unexplained "05-functie" keeps the source's form, with an editor's note.
        ("drugint-10-bxl-2", "nl", ["05-functie", "Noot van de redactie:"], []),
        ("drugint-10-bxl-2", "fr", ["fonction 05", "Note de la rédaction :"], []),
        ("drugint-10-bxl-2", "en", ["05 function", "Editor's note:"], []),
        # 10.1: monitoring is "cruciaal", not strengthened.
        ("drugint-10.1", "nl", ["cruciaal"], ["onmisbaar"]),
        ("drugint-10.1", "fr", ["crucial"], ["indispensable"]),
        ("drugint-10.1", "en", ["crucial"], []),
        # 8.7: "inzetten op nazorgmogelijkheden", no "more" added.
        ("drugint-8.7", "nl", ["nazorgplan"], ["Meer mogelijkheden"]),
        ("drugint-8.7", "fr", ["postcure"], ["post-traitement"]),
        ("drugint-8.7", "en", ["aftercare plan"], ["more aftercare"]),
        # 1.4: the federal body under its official name, no Dutch gloss.
        ("drugint-1.4", "fr", ["SPF Intérieur"], ["IBZ"]),
        ("drugint-1.4", "en", ["FPS Home Affairs"], ["IBZ"]),
    ],
)
def test_recommendation_says_what_the_source_says(content, rid, lang, present, absent):
    text = _text(content, rid, lang)
    for words in present:
        assert words in text, (rid, lang, words)
    for words in absent:
        assert words not in text, (rid, lang, words)


def test_drugint_6_2_tags_no_fedasil_prevention_and_security_staff(content):
    rec = content.rec("drugint-6.2")
    assert "prevention-security-staff" not in rec.actors
    assert "mental-health-services" in rec.actors
    assert "flanders" in rec.regions


def test_drugint_7_2_keeps_the_security_staff_it_names(content):
    rec = content.rec("drugint-7.2")
    assert "prevention-security-staff" in rec.actors
    assert "Restrict room checks as far as possible" in _text(content, "drugint-7.2", "en")


@pytest.mark.parametrize(
    "rid, topic",
    [
        ("drugint-2.4", "drug-policy"),
        ("drugint-6.5", "professional-secrecy"),
        ("drugint-8.2", "specialised-places"),
        ("drugint-8.8", "diversity"),
        ("drugint-7.2", "staffing"),
    ],
)
def test_topics_the_text_does_not_support_are_gone(content, rid, topic):
    assert topic not in content.rec(rid).topics


def test_french_theme_titles_do_not_all_open_alike(content):
    titles = [t.title.fr for t in content.themes if t.source == "drugint"]
    assert len(titles) == 10
    assert sum(t.startswith("Miser sur") for t in titles) <= 1
    assert len({t.split()[0] for t in titles}) >= 7


def test_french_drugint_recommendations_open_with_an_infinitive(content):
    """House style: « Désigner ... », « Prévoir ... »; regional points after their « Région : » label.

    9.2 keeps the source's subject and its "moet" (« La politique migratoire doit ... »)."""
    bad = []
    for rec in content.recommendations:
        if rec.source != "drugint" or rec.id == "drugint-9.2":
            continue
        text = _text(content, rec.id, "fr")
        text = re.sub(r"^(Flandre|Wallonie|Bruxelles) : ", "", text)
        text = re.sub(r"^Ne (pas )?", "", text)
        first = re.sub(r"^(Dans|Là|Lors|Au)\b[^,]*, ", "", text).split()[0].rstrip(",")
        if not re.search(r"(er|ir|re)$", first) or first in {"Sur", "Pour", "Par"}:
            bad.append((rec.id, first))
    assert bad == []


def test_findings_elea_ended_because_its_funding_stopped(content):
    text = _finding(content, "ELEA")
    assert "bestaat niet meer omdat de AMIF-financiering werd stopgezet" in _flat(text.nl)
    assert "n'existe plus parce que" in _flat(text.fr) and "depuis" not in _flat(text.fr)
    assert "no longer exists because" in _flat(text.en) and "since" not in _flat(text.en)


@pytest.mark.parametrize(
    "needles, present",
    [
        # "Bij een gebrek aan interventiemogelijkheden" is a condition, not a general cause.
        (("disciplinaire transfer", "interventiemogelijkheden"),
         {"nl": "Wanneer interventiemogelijkheden ontbreken", "fr": "En l'absence de possibilités d'intervention",
          "en": "When intervention options are lacking"}),
        # "Het is dan ook van belang" is not "nodig".
        (("weloverwogen",), {"nl": "Het is dan ook van belang", "fr": "Il importe donc", "en": "It is therefore important"}),
        # "is het van belang om parallel hieraan ook in te zetten op", not "moet".
        (("kamercontroles", "begeleidingsperspectief"),
         {"nl": "het is van belang om daarnaast ook in te zetten", "fr": "il importe de miser en parallèle",
          "en": "it is important to invest alongside them"}),
        # The medical intake "laat toe" (allows), it does not "have to" inform.
        (("medische intake",), {"nl": "in theorie mogelijk", "fr": "permet en théorie", "en": "in theory allows"}),
        # "kan nagedacht worden", not "het loont".
        (("motiverende gespreksvoering", "potentieel"),
         {"nl": "er kan nagedacht worden", "fr": "on peut réfléchir", "en": "thought could be given"}),
        # "veelal vooral medisch".
        (("psycholoog",), {"nl": "veelal vooral medisch", "fr": "le plus souvent", "en": "often approached"}),
        # The CGGs mentioned "blijken" to have long waiting lists.
        (("CGG blijken",), {"nl": "blijken lange wachtlijsten", "fr": "s'avèrent", "en": "turn out to have"}),
        # Prescribed "wel" on sound medical grounds, "maar" overconsumption followed.
        (("overconsumptie",), {"nl": "maar volgde daarop overconsumptie", "fr": "mais une surconsommation a suivi",
                               "en": "but overconsumption followed"}),
        # "weliswaar": pre-migration factors conceded, post-migration factors the study's point.
        (("weliswaar",), {"nl": "echter ook", "fr": "toutefois", "en": "however"}),
        # The vulnerabilities are examples ("zoals"), not a closed list.
        (("kwetsbaarder",), {"nl": "zoals", "fr": "notamment", "en": "such as"}),
        # The CAW Brabantia / Caritas words are a quotation: they raise the risk AND the consequences.
        (("CAW Brabantia",), {"nl": "„de kwetsbaarheid", "fr": "« la vulnérabilité", "en": "“vulnerability"}),
        # Knowledge alone "is niet effectief".
        (("kennis alleen",), {"nl": "niet doeltreffend", "fr": "pas efficace", "en": "not effective"}),
        # Interviews were held too; "Daarnaast volgden" / « Ensuite » added a sequence.
        (("kwalitatieve interviews",), {"nl": "Daarnaast werden 49", "fr": "En outre", "en": "In addition"}),
    ],
)
def test_findings_keep_the_source_links(content, needles, present):
    text = _finding(content, *needles)
    for lang, words in present.items():
        assert words in _flat(text[lang]), (needles, lang, words)


def test_findings_interventions_heading_keeps_not_only_but_also(content):
    section = next(s for s in content.findings.sections if s.id == "interventions")
    assert "niet alleen" in section.heading.nl and "maar ook" in section.heading.nl
    assert "non seulement" in section.heading.fr and "mais aussi" in section.heading.fr
    assert "not only" in section.heading.en and "but also" in section.heading.en


def test_findings_titles_lead_with_the_translation(content):
    """A French or English reader meets the Dutch title of a source document only as its original title."""
    section = next(s for s in content.findings.sections if s.id == "source-reports")
    items = [item for block in section.blocks if getattr(block, "list", None) for item in block.list]
    assert len(items) == 9
    dutch = ("Alcohol- en drugsbeleid", "Niet-begeleide minderjarigen", "Kwetsbare personen", "Naar een gelijkwaardige")
    for item in items:
        for lang, marker in (("fr", "titre original : «"), ("en", "original title: “")):
            text = _flat(item[lang])
            if any(d in text for d in dutch):
                assert marker in text, text
                assert text.index(marker) > 20 and not text.startswith(("«", "“")), text


def test_no_dutch_gloss_on_federal_bodies_in_findings(content):
    for _, text in _findings(content):
        for lang in ("fr", "en"):
            assert "IBZ" not in text[lang]
            assert "RIZIV" not in text[lang]


@pytest.mark.parametrize(
    "lang, wrong",
    [
        ("fr", "SSM"),
        ("fr", "aide spécialisée en matière de drogues spécifique"),
        ("fr", "collaborateurs d'accueil"),
        ("fr", "suivi post-traitement"),
        ("fr", "·"),
        ("en", "«"),
        ("en", "intervision"),
        ("en", "community mental health"),
        ("en", "Reception staff may"),
    ],
)
def test_no_wrong_rendering_in_drugint_texts(content, lang, wrong):
    hits = [path for path, text in _drugint_texts(content) if wrong in text[lang]]
    assert hits == []


def test_french_aide_specialisee_only_where_the_dutch_says_specialised(content):
    hits = []
    for path, text in _drugint_texts(content):
        if "aide spécialisée" in text.fr and not re.search(r"gespecialiseerd|specifiek", text.nl, re.I):
            hits.append(path)
    assert hits == []
