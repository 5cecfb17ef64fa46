"""Bad content gives exact file:line: path: message errors, all collected."""

from pathlib import Path

import pytest

from helpers import errors, replace
from kennisbank.content import load_content

FIXTURE = Path(__file__).parent / "fixtures" / "content"


def test_good_fixture_loads():
    content = load_content(FIXTURE)
    assert [r.id for r in content.recommendations] == ["drugint-6.4", "drugint-8.3"]
    assert content.related()["drugint-8.3"] == ["drugint-6.4"]


BAD = [
    pytest.param(
        "recommendations.yaml",
        "    actors: [spoc, reception-centres]\n",
        "    actors: [spoc, reception-centres\n",
        ["content/recommendations.yaml:26: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']' "
         "(the bracket opens on this line)"],
        id="broken-yaml",
    ),
    pytest.param(
        "recommendations.yaml",
        "    regions: [federal]\n    related: [drugint-8.3]\n",
        "    regions: [federal]\n    colour: red\n    related: [drugint-8.3]\n",
        [
            "content/recommendations.yaml:29: recommendations[0].colour: unknown key (allowed: id, source, number, parent, "
            "theme, level, text, actors, topics, regions, related, cite)"
        ],
        id="unknown-key",
    ),
    pytest.param(
        "recommendations.yaml",
        "      fr: Désigner un SPOC pour le réseau régional.\n",
        "",
        ["content/recommendations.yaml:22: recommendations[0].text.fr: missing"],
        id="missing-language",
    ),
    pytest.param(
        "recommendations.yaml",
        "      en: Appoint a SPOC for the regional network.\n",
        '      en: "   "\n',
        ["content/recommendations.yaml:25: recommendations[0].text.en: blank translation"],
        id="blank-translation",
    ),
    pytest.param(
        "recommendations.yaml",
        "      en: Appoint a SPOC for the regional network.\n",
        "      en: Een SPOC aanduiden voor het regionale netwerk.\n",
        [
            "content/recommendations.yaml:25: recommendations[0].text.en: identical to the Dutch "
            "(translate it, or mark the text proper_name: true)"
        ],
        id="untranslated",
    ),
    pytest.param(
        "recommendations.yaml",
        "  - id: drugint-8.3\n    source: drugint\n    number: \"8.3\"",
        "  - id: drugint-6.4\n    source: drugint\n    number: \"6.4\"",
        [
            "content/recommendations.yaml:29: recommendations[0].related[0]: unknown recommendation 'drugint-8.3'",
            "content/recommendations.yaml:31: recommendations[1].id: duplicate id 'drugint-6.4' (first used on line 17)",
        ],
        id="duplicate-id",
    ),
    pytest.param(
        "recommendations.yaml",
        "    related: [drugint-8.3]\n",
        "    related: [drugint-8.33]\n",
        ["content/recommendations.yaml:29: recommendations[0].related[0]: unknown recommendation 'drugint-8.33'"],
        id="dangling-related",
    ),
    pytest.param(
        "recommendations.yaml",
        "    topics: [cooperation-referral]\n    regions: [federal]\n    related",
        "    topics: [cooperation-referral]\n    regions: [gent]\n    related",
        ["content/recommendations.yaml:28: recommendations[0].regions[0]: unknown region 'gent' (allowed: federal, flanders, wallonia, brussels)"],
        id="unknown-vocabulary-value",
    ),
    pytest.param(
        "guide.yaml",
        "      threshold: {value: low, basis:",
        "      threshold: {value: medium, basis:",
        ["content/guide.yaml:20: kinds[0].attributes.threshold.value: 'medium' is not allowed (allowed: low, high, low-and-high)"],
        id="guide-attribute",
    ),
    pytest.param(
        "guide.yaml",
        "    recommendations: [drugint-6.4]",
        "    recommendations: [drugint-6.9]",
        ["content/guide.yaml:30: kinds[0].recommendations[0]: unknown recommendation 'drugint-6.9'"],
        id="guide-dangling-recommendation",
    ),
    pytest.param(
        "organisation.yaml",
        "    - {from: minister, to: city}",
        "    - {from: minister, to: province}",
        ["content/organisation.yaml:20: diagram.links[0].to: unknown box 'province' (allowed: minister, city)"],
        id="diagram-link",
    ),
]


@pytest.mark.parametrize("name, old, new, expected", BAD)
def test_bad_input(content_dir, name, old, new, expected):
    replace(content_dir / name, old, new)
    assert errors(content_dir) == expected


def test_all_errors_are_collected(content_dir):
    replace(content_dir / "recommendations.yaml", "      fr: Désigner un SPOC pour le réseau régional.\n", "")
    replace(content_dir / "glossary.yaml", "    abbr: {nl: OCMW", "    short: {nl: OCMW")
    found = errors(content_dir)
    assert len(found) == 2
    assert found[0].startswith("content/glossary.yaml:3: terms[0].short: unknown key")
    assert found[1] == "content/recommendations.yaml:22: recommendations[0].text.fr: missing"


def test_missing_file(content_dir):
    (content_dir / "findings.yaml").unlink()
    assert errors(content_dir) == ["content/findings.yaml:1: file is missing"]
