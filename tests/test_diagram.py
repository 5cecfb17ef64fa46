"""The organisation diagram: one SVG per language from the `diagram` of organisation.yaml.

Runs on a small fixture of our own (tests/fixtures/organisation.yaml) and, once it exists and
parses, on the real content/organisation.yaml.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic import ValidationError

from kennisbank.diagram import layout_diagram, render_organisation_diagram
from kennisbank.fonts import FAMILY
from kennisbank.models import LANGS, Organisation
from kennisbank.palette import AA_NORMAL, contrast
from kennisbank.textlayout import TextOverflowError, text_width, typeset
from kennisbank.yamlsource import YamlError, load

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "organisation.yaml"
REAL = ROOT / "content" / "organisation.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def _fixture() -> Organisation:
    return Organisation.model_validate(load(FIXTURE).data)


def _real() -> Organisation:
    if not REAL.exists():
        pytest.skip("content/organisation.yaml does not exist yet")
    try:
        return Organisation.model_validate(load(REAL).data)
    except (YamlError, ValidationError) as exc:
        pytest.skip(f"content/organisation.yaml does not parse yet: {exc}")


SOURCES = {"fixture": _fixture, "content": _real}


@pytest.fixture(params=list(SOURCES))
def org(request) -> Organisation:
    return SOURCES[request.param]()


def _texts(element) -> str:
    return " ".join((t.text or "") for t in element.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", LANGS)
def test_diagram_svg(org, lang):
    svg = render_organisation_diagram(org, lang)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == typeset(org.title[lang], lang)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    width = float(root.get("width"))
    assert width == 800 and root.get("viewBox") == f"0 0 800 {root.get('height')}"
    assert set(re.findall(r'font-family="([^"]*)"', svg)) == {FAMILY}
    for forbidden in ("@font-face", "var(", "textLength", "foreignObject", "<image", "<style"):
        assert forbidden not in svg
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    diagram = org.diagram
    # one band per level, every box with its whole label
    for level in diagram.levels:
        band = groups[f"level-{level.id}"]
        assert _words(typeset(level.label[lang], lang)) <= _words(_texts(band))
        for box in level.boxes:
            assert _words(typeset(box.label[lang], lang)) <= _words(_texts(groups[f"box-{box.id}"]))
    # an arrow per link, a numbered entry in the legend per labelled link
    links = groups["links"]
    arrows = [p for p in links.iter(f"{SVG}path") if p.get("fill") != "none"]
    assert len(arrows) == len(diagram.links)
    labelled = [link for link in diagram.links if link.label is not None]
    legend = groups.get("legend")
    if labelled:
        legend_text = _texts(legend)
        for link in labelled:
            assert _words(typeset(link.label[lang], lang)) <= _words(legend_text)
        numbers = [t.text for t in links.iter(f"{SVG}text")]
        assert numbers == [str(n) for n in range(1, len(labelled) + 1)]


def _words(text: str) -> set[str]:
    return set(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize("lang", LANGS)
def test_labels_stay_inside_their_boxes(org, lang):
    drawing = layout_diagram(org, lang)
    for level in drawing.groups:
        for item in level.items:
            if getattr(item, "id", "").startswith("box-"):
                rect = next(i for i in item.items if isinstance(i, dict) and i["kind"] == "rect")
                x, y, w, h = (float(rect[k]) for k in ("x", "y", "w", "h"))
                for run in item.runs:
                    right = run.x + text_width(run.text, run.size, run.bold)
                    assert x < run.x and right < x + w, f"{item.id}: {run.text!r}"
                    assert y < run.y < y + h
    assert all(0 <= run.x and run.x + text_width(run.text, run.size, run.bold) <= drawing.width for run in drawing.runs)


@pytest.mark.parametrize("lang", LANGS)
def test_diagram_contrast(org, lang):
    drawing = layout_diagram(org, lang)
    low = {(r.fg, r.bg): round(contrast(r.fg, r.bg), 2) for r in drawing.runs if contrast(r.fg, r.bg) < AA_NORMAL}
    assert not low


def test_diagram_is_deterministic():
    org = _fixture()
    assert render_organisation_diagram(org, "fr") == render_organisation_diagram(org, "fr")


def test_word_too_long_for_a_box_names_box_and_language():
    data = load(FIXTURE).data
    data["diagram"]["levels"][0]["boxes"][1]["label"]["fr"] = "Anticonstitutionnellement" * 3
    org = Organisation.model_validate(data)
    with pytest.raises(TextOverflowError) as info:
        render_organisation_diagram(org, "fr")
    assert (info.value.block, info.value.lang) == ("advisory", "fr")
    assert "'advisory'" in str(info.value) and "language fr" in str(info.value)
