"""The real content: every point of the reports, complete in three languages, with its metadata."""

import re

import pytest

from kennisbank import models as m
from kennisbank.content import walk_texts



def _range(prefix: str, last: int) -> list[str]:
    return [f"{prefix}.{i}" for i in range(1, last + 1)]


DRUGINT_NUMBERS = (
    _range("1", 4) + _range("2", 4) + _range("3", 5) + _range("4", 2) + ["5"] + _range("6", 5) + _range("7", 5)
    + _range("8", 8) + _range("9", 3) + _range("10", 5)
    + ["10-VL", "10-WAL", "10-WAL-1", "10-WAL-2", "10-BXL-1", "10-BXL-2", "10-BXL-3"]
)

# number -> parent number, as nested in the MATREMI report
MATREMI_NESTING = {}
for top, last, children in (
    ("1", 5, {"5": 5}),
    ("2", 6, {"2": 4, "6": 2}),
    ("3", 7, {"3": 5, "4": 2, "7": 6}),
    ("4", 3, {"1": 9, "3": 4}),
    ("5", 5, {}),
    ("6", 4, {"1": 5}),
    ("7", 8, {"7": 5, "8": 3}),
    ("8", 6, {}),
):
    for i in range(1, last + 1):
        MATREMI_NESTING[f"{top}.{i}"] = None
        for j in range(1, children.get(str(i), 0) + 1):
            MATREMI_NESTING[f"{top}.{i}.{j}"] = f"{top}.{i}"


def test_drugint_numbers_equal_the_report(content):
    numbers = [r.number for r in content.recommendations if r.source == "drugint"]
    assert sorted(numbers) == sorted(DRUGINT_NUMBERS)
    assert len(numbers) == 49


def test_matremi_numbers_and_nesting_equal_the_report(content):
    recs = [r for r in content.recommendations if r.source == "matremi"]
    assert len(recs) == 94 == len(MATREMI_NESTING)
    found = {r.number: (content.rec(r.parent).number if r.parent else None) for r in recs}
    assert found == MATREMI_NESTING


def test_total(content):
    assert len(content.recommendations) == 143


def test_drugint_regional_points(content):
    regions = {r.number: r.regions for r in content.recommendations if r.source == "drugint" and "-" in r.number}
    assert regions == {
        "10-VL": ["flanders"],
        "10-WAL": ["wallonia"],
        "10-WAL-1": ["wallonia"],
        "10-WAL-2": ["wallonia"],
        "10-BXL-1": ["brussels"],
        "10-BXL-2": ["brussels"],
        "10-BXL-3": ["brussels"],
    }
    assert content.rec("drugint-10-wal-1").parent == "drugint-10-wal"


def test_levels_follow_the_reports_grouping(content):
    expected = {"1": "fedasil", "2": "fedasil", "3": "fedasil", "4": "fedasil", "5": "fedasil", "6": "reception-centres",
                "7": "reception-centres", "8": "drug-services", "9": "policy", "10": "policy"}
    for rec in content.recommendations:
        theme = re.split(r"[.-]", rec.number)[0]
        if rec.source == "drugint":
            assert rec.level == expected[theme], rec.id
        else:
            assert rec.level == {"1": "federal", "2": "federal", "3": "regional", "4": "regional", "5": "regional"}.get(
                theme, "drug-services"
            ), rec.id


@pytest.mark.parametrize(
    "a, b",
    [
        ("drugint-6.4", "drugint-8.3"),
        ("matremi-2.2.2", "matremi-3.3.2"),
        ("matremi-3.3.3", "matremi-4.1.8"),
        ("matremi-3.7.6", "matremi-4.2"),
    ],
)
def test_report_cross_references_both_ways(content, a, b):
    related = content.related()
    assert b in related[a] and a in related[b]


def test_matremi_7_7_3_points_to_section_8(content):
    assert any(other.startswith("matremi-8.") for other in content.related()["matremi-7.7.3"])


def test_drugint_and_matremi_are_linked_where_they_ask_the_same(content):
    related = content.related()
    pairs = {(a, b) for a, others in related.items() for b in others if a.startswith("drugint") and b.startswith("matremi")}
    assert len(pairs) >= 8
    topics_linked = set()
    for a, b in pairs:
        topics_linked |= set(content.rec(a).topics) & set(content.rec(b).topics)
    assert {"language-interpreters", "prevention-early-intervention", "mobile-crisis-teams", "training", "monitoring"} <= topics_linked


@pytest.mark.parametrize(
    "rid, actors",
    [
        ("matremi-1.2", {"kce"}),
        ("matremi-1.3", {"fps-public-health", "sciensano"}),
        ("matremi-1.4", {"fps-public-health"}),
        ("matremi-1.5", {"sciensano"}),
        ("matremi-1.5.2", {"fps-public-health", "sciensano"}),
        ("matremi-1.5.3", {"sciensano"}),
        ("matremi-2.2.2", {"fedasil", "ocmw"}),
        ("matremi-2.2.3", {"fedasil"}),
        ("matremi-2.4", {"fps-public-health"}),
        ("matremi-2.5", {"fedasil"}),
        ("drugint-6.4", {"spoc"}),
        ("drugint-2.2", {"spoc", "medical-services"}),
        ("drugint-10.4", {"physicians-pharmacists"}),
    ],
)
def test_bodies_named_as_responsible_are_actors(content, rid, actors):
    assert actors <= set(content.rec(rid).actors)


def test_translations_are_complete(content):
    """No translation is a stub: each is at least half as long as the Dutch (and at most twice)."""
    short = []
    for rec in content.recommendations:
        for lang in ("fr", "en"):
            ratio = len(rec.text[lang]) / len(rec.text.nl)
            if not 0.6 <= ratio <= 2.0:
                short.append(f"{rec.id}.{lang}: {ratio:.2f}")
    assert short == []


def test_every_record_cites_its_place(content):
    for rec in content.recommendations:
        assert rec.cite.section.strip()
        assert (rec.cite.point or rec.number) == rec.number, rec.id


def test_no_source_artefacts(content):
    """No local file paths, stray page numbers or hyphenated line breaks from the PDF extraction."""
    bad = []
    for path, text in walk_texts(content.recommendations):
        for lang in m.LANGS:
            if re.search(r"file:/|\s{3,}", text[lang]):
                bad.append((path, lang))
    assert bad == []
