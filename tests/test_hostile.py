"""Broken and hostile input: every problem is a `file:line: key: message` error, never a traceback."""

import shutil
import subprocess
import sys
import time
import unicodedata

import pytest

from conftest import ROOT
from helpers import errors, replace
from kennisbank.content import check_file
from kennisbank.yamlsource import YamlError, load

FIXTURE = ROOT / "tests" / "fixtures" / "content"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
ID_FORM = "lowercase letters a-z, digits 0-9, '.' and '-', starting with a letter or digit, e.g. drugint-6.4"
PDF = "text copied from a PDF or Word often carries such characters; delete it or type a space"


def invalid_id(value: str) -> str:
    return f"{value!r} is not a valid id (allowed form: {ID_FORM})"


# ---------------------------------------------------------------------------------------------
# 1. Every id has the documented form, in every file

BAD_IDS = [
    pytest.param("guide.yaml", "  - id: msoc\n", "  - id: ../../../../CONTENT\n",
                 [f"content/guide.yaml:12: kinds[0].id: {invalid_id('../../../../CONTENT')}"], id="kind-path-traversal"),
    pytest.param("findings.yaml", "  - id: aims\n", "  - id: x onmouseover=alert(1)\n",
                 [f"content/findings.yaml:5: sections[0].id: {invalid_id('x onmouseover=alert(1)')}"], id="section-attribute"),
    pytest.param("recommendations.yaml", "    related: [drugint-8.3]\n", "    related: [\"drugint-8.3 <b>x\"]\n",
                 [f"content/recommendations.yaml:29: recommendations[0].related[0]: {invalid_id('drugint-8.3 <b>x')}"],
                 id="related-html"),
    pytest.param("recommendations.yaml", "  - id: drugint-6\n", "  - id: DRUGINT-6\n",
                 [f"content/recommendations.yaml:2: themes[0].id: {invalid_id('DRUGINT-6')}"], id="theme-capitals"),
    pytest.param("glossary.yaml", "  - id: ocmw\n", "  - id: o cmw\n",
                 [f"content/glossary.yaml:2: terms[0].id: {invalid_id('o cmw')}"], id="glossary-space"),
    pytest.param("vocabularies.yaml", "  - id: brussels\n", "  - id: Brussels\n",
                 [f"content/vocabularies.yaml:48: regions[3].id: {invalid_id('Brussels')}"], id="vocabulary-capital"),
    pytest.param("guide.yaml", "  - id: aa\n", "  - id: -aa\n",
                 [f"content/guide.yaml:32: contacts[0].id: {invalid_id('-aa')}"], id="contact-leading-dash"),
    pytest.param("organisation.yaml", "{id: city,", "{id: \"city/../x\",",
                 [f"content/organisation.yaml:18: diagram.levels[1].boxes[0].id: {invalid_id('city/../x')}"],
                 id="diagram-box-slash"),
    pytest.param("poster.yaml", "  - id: prevention\n", "  - id: Prevention\n",
                 [f"content/poster.yaml:31: pillars[0].id: {invalid_id('Prevention')}"], id="poster-block-capital"),
]


@pytest.mark.parametrize("name, old, new, expected", BAD_IDS)
def test_ids_have_the_documented_form(content_dir, name, old, new, expected):
    replace(content_dir / name, old, new)
    found = errors(content_dir)
    assert [e for e in found if "is not a valid id" in e] == expected


def test_a_bad_kind_id_writes_nothing_and_check_content_says_so(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    replace(content / "guide.yaml", "  - id: msoc\n", "  - id: ../../../../CONTENT\n")
    result = subprocess.run([str(ROOT / "scripts" / "check-content"), "--content", str(content)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"content/guide.yaml:12: kinds[0].id: {invalid_id('../../../../CONTENT')}" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_written_pages_stay_inside_the_build_folder(tmp_path):
    from kennisbank.paths import UnsafePath, inside

    assert inside(tmp_path, tmp_path / "help" / "msoc.md") == tmp_path / "help" / "msoc.md"
    with pytest.raises(UnsafePath, match="outside"):
        inside(tmp_path / "docs", tmp_path / "docs" / "nl" / "help" / "../../../../CONTENT.md")


# ---------------------------------------------------------------------------------------------
# 4. Characters, encoding, YAML structure: located errors, found at once

LOADER = [
    pytest.param("recommendations-control-characters.yaml", [
        f"{{f}}:23: recommendations[0].text.nl: control character U+0000 (NUL) at column 14 ({PDF})",
        f"{{f}}:23: recommendations[0].text.nl: control character U+000C (FORM FEED) at column 19 ({PDF})",
        f"{{f}}:23: recommendations[0].text.nl: control character U+0002 (STX) at column 29 ({PDF})",
    ], id="control-characters"),
    pytest.param("recommendations-not-utf8.yaml", [
        "{f}:24: recommendations[0].text.fr: byte 0xE9 at byte offset 883 (column 12) is not UTF-8 (save the file as UTF-8)",
    ], id="not-utf8"),
    pytest.param("recommendations-line-separator.yaml", [
        f"{{f}}:23: recommendations[0].text.nl: control character U+2028 (LINE SEPARATOR) at column 19 ({PDF})",
        "{f}:36: recommendations[1].text.fr: missing",
        "{f}:38: recommendations[1].text.fx: unknown key (allowed: nl, fr, en, proper_name)",
    ], id="line-separator-and-later-lines-right"),
    pytest.param("recommendations-unclosed-quote.yaml", [
        "{f}:23: YAML syntax error: the quote opened on this line is not closed on it "
        "(the parser stopped on line 30: while parsing a block mapping: did not find expected key)",
    ], id="unclosed-quote"),
    pytest.param("recommendations-alias-bomb.yaml", [
        "{f}:1: YAML anchor &a is not allowed in content (write the value out in full)",
        "{f}:2: YAML anchor &b is not allowed in content (write the value out in full)",
        "{f}:2: YAML alias *a is not allowed in content (write the value out in full)",
    ], id="alias-bomb"),
    pytest.param("recommendations-deep.yaml", [
        "{f}:1: nested more than 20 levels deep (look for unclosed [ or {{ brackets)",
    ], id="deep-nesting"),
]


@pytest.mark.parametrize("name, expected", LOADER)
def test_loader_errors(name, expected):
    path = HOSTILE / name
    found = [str(p) for p in check_file(path, None)]
    assert found == [e.format(f=path) for e in expected]


@pytest.mark.parametrize("name, expected", LOADER)
def test_check_content_reports_each_bad_file_without_a_traceback(name, expected):
    path = HOSTILE / name
    result = subprocess.run([str(ROOT / "scripts" / "check-content"), str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [e.format(f=path) for e in expected] + [f"{len(expected)} error(s)"]
    assert "Traceback" not in result.stderr


def test_alias_bomb_fails_at_once():
    start = time.perf_counter()
    with pytest.raises(YamlError):
        load(HOSTILE / "recommendations-alias-bomb.yaml")
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize("text, expected", [
    pytest.param("a: !!python/object/apply:os.system [ls]\n",
                 "{f}:1: YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed in content", id="python-tag"),
    pytest.param("a:\n  - [1, 2\n  - b\n", "{f}:2: YAML syntax error: while parsing a flow sequence: did not find expected ',' "
                 "or ']' (the bracket opens on this line)", id="flow-not-closed"),
    pytest.param("a: 'x\nb: c\n", "{f}:1: YAML syntax error: the quote opened on this line is not closed on it (the parser "
                 "stopped on line 3: while scanning a quoted scalar: found unexpected end of stream)", id="single-quote-at-end"),
    pytest.param("a: &x b\n", "{f}:1: YAML anchor &x is not allowed in content (write the value out in full)", id="lone-anchor"),
])
def test_yaml_structure_refused(tmp_path, text, expected):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load(path)
    assert [str(p) for p in info.value.problems] == [expected.format(f=path)]


def test_text_is_normalised_to_nfc():
    decomposed = load(HOSTILE / "recommendations-decomposed.yaml").data["recommendations"][0]["text"]["fr"]
    assert decomposed == "Désigner un SPOC pour le réseau régional."
    assert unicodedata.is_normalized("NFC", decomposed)
    assert check_file(HOSTILE / "recommendations-decomposed.yaml", None) == []


def test_whole_content_with_a_control_character(content_dir):
    replace(content_dir / "guide.yaml", "summary: {nl: Laagdrempelige hulp.", "summary: {nl: \"Laagdrempelige\\fhulp.\"")
    replace(content_dir / "glossary.yaml", "De gemeentelijke sociale dienst.", "De gemeentelijke\x0bsociale dienst.")
    assert errors(content_dir) == [
        f"content/glossary.yaml:5: terms[0].definition.nl: control character U+000B (VT) at column 38 ({PDF})",
        f"content/guide.yaml:15: kinds[0].summary.nl: control character U+000C (FORM FEED) at character 15 of the text ({PDF})",
    ]


# ---------------------------------------------------------------------------------------------
# 5. Parent rules

EXTRA = """  - id: drugint-6.5
    source: drugint
    number: "6.5"
    theme: drugint-6
    level: reception-centres
    parent: {parent}
    text:
      nl: Een tweede punt.
      fr: Un deuxième point.
      en: A second point.
    actors: [spoc]
    topics: [cooperation-referral]
    regions: [federal]
    cite: {{section: "AANBEVELINGEN OP HET NIVEAU VAN DE FEDASIL OPVANGCENTRA", point: "6.5"}}
  - id: matremi-1
    source: matremi
    number: "1"
    theme: drugint-6
    level: reception-centres
    text:
      nl: Een punt van MATREMI.
      fr: Un point de MATREMI.
      en: A MATREMI point.
    actors: [spoc]
    topics: [cooperation-referral]
    regions: [federal]
    cite: {{section: "AANBEVELINGEN OP HET NIVEAU VAN DE FEDASIL OPVANGCENTRA", point: "1"}}
"""


@pytest.mark.parametrize("first_parent, second_parent, expected", [
    pytest.param(None, "drugint-6.5", ["content/recommendations.yaml:49: recommendations[2].parent: "
                                       "a recommendation cannot be its own parent"], id="itself"),
    pytest.param(None, "matremi-1", ["content/recommendations.yaml:49: recommendations[2].parent: 'matremi-1' is in the "
                                     "other report (matremi); a parent must be in the same report (drugint)"], id="other-report"),
    pytest.param(None, "drugint-8.3", ["content/recommendations.yaml:49: recommendations[2].parent: 'drugint-8.3' is in "
                                       "theme 'drugint-8', this recommendation in 'drugint-6'; a parent must be in the same theme"],
                 id="other-theme"),
    pytest.param("drugint-6.5", "drugint-6.4", [
        "content/recommendations.yaml:21: recommendations[0].parent: parent cycle: drugint-6.4 -> drugint-6.5 -> drugint-6.4",
        "content/recommendations.yaml:50: recommendations[2].parent: parent cycle: drugint-6.5 -> drugint-6.4 -> drugint-6.5",
    ], id="cycle"),
    pytest.param(None, "drugint-6.9", ["content/recommendations.yaml:49: recommendations[2].parent: "
                                       "unknown recommendation 'drugint-6.9'"], id="unknown"),
])
def test_parent_rules(content_dir, first_parent, second_parent, expected):
    recs = content_dir / "recommendations.yaml"
    recs.write_text(recs.read_text(encoding="utf-8") + EXTRA.format(parent=second_parent), encoding="utf-8")
    if first_parent:
        replace(recs, "    theme: drugint-6\n    level: reception-centres\n    text:",
                f"    theme: drugint-6\n    parent: {first_parent}\n    level: reception-centres\n    text:")
    assert [e for e in errors(content_dir) if ".parent:" in e] == expected


def test_a_valid_parent_is_accepted(content_dir):
    recs = content_dir / "recommendations.yaml"
    recs.write_text(recs.read_text(encoding="utf-8") + EXTRA.format(parent="drugint-6.4"), encoding="utf-8")
    replace(recs, "  - id: matremi-1\n", "  - id: matremi-1\n    parent: matremi-1x\n")
    assert [e for e in errors(content_dir) if ".parent:" in e] == [
        "content/recommendations.yaml:59: recommendations[3].parent: unknown recommendation 'matremi-1x'"]


# ---------------------------------------------------------------------------------------------
# 4. Poster and diagram texts: glyphs the font has, and texts that fit, all reported at once

GLYPHS = [
    pytest.param("poster.yaml", "      en: Prevention\n", "      en: Prevention 😀\n",
                 ["content/poster.yaml:{line}: pillars[0].title.en: the poster font (Atkinson Hyperlegible) has no glyph for "
                  "U+1F600 (GRINNING FACE), block Emoticons, in the en text at character 12"], "      en: Prevention 😀\n", id="emoji"),
    pytest.param("poster.yaml", "      fr: Prévention\n", "      fr: \"Pré\\u200bvention\"\n",
                 ["content/poster.yaml:{line}: pillars[0].title.fr: the poster font (Atkinson Hyperlegible) has no glyph for "
                  "U+200B (ZERO WIDTH SPACE), block General Punctuation, in the fr text at character 4 (an invisible character, "
                  "often pasted from Word or a PDF: delete it)"], "      fr: \"Pré\\u200bvention\"\n", id="zero-width-space"),
    pytest.param("poster.yaml", "      nl: Preventie\n", "      nl: \"Pre\\u00adventie\"\n",
                 ["content/poster.yaml:{line}: pillars[0].title.nl: the poster font (Atkinson Hyperlegible) has no glyph for "
                  "U+00AD (SOFT HYPHEN), block Latin-1 Supplement, in the nl text at character 4 (an invisible character, "
                  "often pasted from Word or a PDF: delete it)"], "      nl: \"Pre\\u00adventie\"\n", id="soft-hyphen"),
    pytest.param("organisation.yaml", "{nl: Gemeente,", "{nl: \"Gemeente \\u0928\",",
                 ["content/organisation.yaml:18: diagram.levels[1].boxes[0].label.nl: the diagram font (Atkinson Hyperlegible) "
                  "has no glyph for U+0928 (DEVANAGARI LETTER NA), block Devanagari, in the nl text at character 10"], None,
                 id="diagram-devanagari"),
]


@pytest.mark.parametrize("name, old, new, expected, line_of", GLYPHS)
def test_poster_and_diagram_glyphs(content_dir, name, old, new, expected, line_of):
    replace(content_dir / name, old, new)
    line = (content_dir / name).read_text(encoding="utf-8").splitlines().index(line_of.rstrip("\n")) + 1 if line_of else 0
    assert errors(content_dir) == [e.format(line=line) for e in expected]


def test_poster_overflow_is_reported_for_every_language_and_size(content_dir):
    long = "Een tekst die veel te lang is voor dit vak. " * 150
    replace(content_dir / "poster.yaml", "    definition:\n      nl: Voorkomen", f"    definition:\n      nl: {long}Voorkomen")
    found = errors(content_dir)
    assert [e.split(": text does not fit")[0] for e in found] == ["content/poster.yaml:31: pillars[0]"] * 3
    assert [e.split("language ")[1].split(":")[0] for e in found] == ["nl, size a4", "nl, size a3", "nl, size a2"]


def test_diagram_overflow_names_the_box(content_dir):
    replace(content_dir / "organisation.yaml", "{nl: Gemeente,", "{nl: Gemeentedienstverleningsorganisatiebestuurscommissievergadering,")
    found = errors(content_dir)
    assert found == ["content/organisation.yaml:18: diagram.levels[1].boxes[0].label: text does not fit the organisation "
                     "diagram in language nl: 'Gemeentedienstverleningsorganisatiebestuurscommissievergadering' does not "
                     "fit a box of 230 units"]


def test_check_content_finds_poster_overflow(content_dir):
    long = "Een tekst die veel te lang is voor dit vak. " * 150
    replace(content_dir / "poster.yaml", "    definition:\n      nl: Voorkomen", f"    definition:\n      nl: {long}Voorkomen")
    result = subprocess.run([str(ROOT / "scripts" / "check-content"), "--content", str(content_dir)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[-1] == "3 error(s)"
    assert all(line.startswith("content/poster.yaml:31: pillars[0]: text does not fit the poster in language nl, size a")
               for line in lines[:-1])


# ---------------------------------------------------------------------------------------------
# scripts/build: each bad fixture gives file:line errors and no traceback

BUILD_CASES = [
    pytest.param("guide.yaml", "  - id: msoc\n", "  - id: ../../../../CONTENT\n",
                 f"content/guide.yaml:12: kinds[0].id: {invalid_id('../../../../CONTENT')}", id="path-traversal"),
    pytest.param("recommendations.yaml", "nl: Een SPOC aanduiden", "nl: Een\x00SPOC aanduiden",
                 f"content/recommendations.yaml:23: recommendations[0].text.nl: control character U+0000 (NUL) at column 14 ({PDF})",
                 id="nul"),
    pytest.param("poster.yaml", "      en: Prevention\n", "      en: Prevention 😀\n",
                 "content/poster.yaml:37: pillars[0].title.en: the poster font (Atkinson Hyperlegible) has no glyph for "
                 "U+1F600 (GRINNING FACE), block Emoticons, in the en text at character 12", id="emoji"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from hostile import copy_project

    target = copy_project(tmp_path_factory.mktemp("project") / "project")
    (target / ".venv").symlink_to((ROOT / ".venv").resolve())  # scripts/build's setup finds it in place
    return target


@pytest.mark.parametrize("name, old, new, expected", BUILD_CASES)
def test_build_reports_bad_content_without_a_traceback(project, name, old, new, expected):
    content = project / "content"
    shutil.rmtree(content)
    shutil.copytree(FIXTURE, content)
    replace(content / name, old, new)
    result = subprocess.run([sys.executable, "-m", "kennisbank.build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert expected in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("nothing was built, there is no site/ (no previous build)")


def test_content_md_lists_the_poster_font_coverage():
    from kennisbank.glyphs import coverage_ranges

    blocks: dict[str, list[str]] = {}
    for first, last, block in coverage_ranges():
        blocks.setdefault(block, []).append(f"U+{ord(first):04X}" + (f"–{ord(last):04X}" if first != last else ""))
    table = "\n".join(f"| {block} | {' '.join(ranges)} |" for block, ranges in blocks.items())
    text = (ROOT / "CONTENT.md").read_text(encoding="utf-8")
    assert "| Unicode block | characters the poster font covers |\n|---|---|\n" + table + "\n" in text
    assert "^[a-z0-9][a-z0-9.-]*$" in text and "NFC" in text and "No YAML aliases, anchors or tags" in text


@pytest.mark.parametrize("name, expected", LOADER)
def test_build_reports_each_bad_file_without_a_traceback(project, name, expected):
    content = project / "content"
    shutil.rmtree(content)
    shutil.copytree(FIXTURE, content)
    shutil.copy(HOSTILE / name, content / "recommendations.yaml")
    result = subprocess.run([str(project / "scripts" / "build")], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for line in expected:
        assert line.format(f="content/recommendations.yaml") in lines
    assert "Traceback" not in result.stderr
    assert lines[-1].endswith("nothing was built, there is no site/ (no previous build)")
