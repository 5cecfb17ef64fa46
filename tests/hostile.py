"""A copy of the project whose content is the small fixture set with hostile text in every text field.

`PAYLOAD` holds markup that would run script if any text reached a page unescaped (a closing
</title>, <script>, <img onerror>, <svg onload>, a javascript: link in HTML and in Markdown), template
syntax ({{ }}, {% %}), an attr_list block and Markdown emphasis, code and heading marks. It is added
to every translated text, every citation heading, every attribute basis and every poster address,
in every language.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"

PAYLOAD = ("</title><script>alert(1)</script><img src=x onerror=alert(2)> [l](javascript:alert(3)) "
           "<a href=javascript:alert(4)>a</a> {{ 7*7 }} {% if 1 %}j{% endif %} { #x onmouseover=alert(5) } "
           "**b** _i_ `c` <svg onload=alert(6)>")
# Shorter, for the poster and the diagram (whose boxes would overflow), and without ';' for csv_columns.
SHORT = "<img src=x onerror=alert(7)>{{x}}"
TINY = "<b>{{x}}"  # the poster's titles, set large
# Cells that a spreadsheet would read as formulas, at the start of the first recommendation's texts.
FORMULAS = {"nl": "=HYPERLINK(x)", "fr": "+SUM(1)", "en": "@SUM(2)"}
LANGS = ("nl", "fr", "en")


def _is_text(value) -> bool:
    return isinstance(value, dict) and set(LANGS) <= set(value) and all(isinstance(value[k], str) for k in LANGS)


def _inject(value, payload: str, key: str = "", first_only: bool = False):
    """The payload added to every text in `value`; first_only (the poster, which is full): the texts are
    replaced by the payload, and only the first text of each list is."""
    if _is_text(value):
        out = dict(value)
        for lang in LANGS:
            out[lang] = f"{payload} {lang}" if first_only else f"{value[lang]} {payload}"
        return out
    if isinstance(value, dict):
        return {k: _inject(v, payload, k, first_only) for k, v in value.items()}
    if isinstance(value, list):
        if first_only and value and _is_text(value[0]):
            return [_inject(value[0], payload, key, first_only)] + value[1:]
        return [_inject(v, payload, key, first_only) for v in value]
    if isinstance(value, str) and key == "section":
        return f"{value} {PAYLOAD}"  # as in headings.yaml, where it is looked up
    if isinstance(value, str) and key in ("basis", "short"):
        return f"{value} {payload}"
    return value


def hostile_content(target: Path) -> None:
    """Write the hostile content set into `target` (a content/ folder)."""
    target.mkdir(parents=True, exist_ok=True)
    # the real ui.yaml: the pages need all of its strings
    for path in sorted(p for p in FIXTURE.glob("*.yaml") if p.name != "ui.yaml") + [ROOT / "content" / "ui.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "terminology.yaml":
            pass  # decided renderings and forbidden calques: rules, not texts a reader sees
        elif path.name == "ui.yaml":
            strings = data["strings"]
            for key, text in strings.items():
                payload = SHORT.replace(";", "") if key == "csv_columns" else PAYLOAD
                if key in ("csv_columns",):
                    strings[key] = {lang: text[lang] + " " + payload for lang in LANGS}
                else:
                    strings[key] = _inject(text, payload)
        elif path.name == "poster.yaml":
            data = _inject(data, SHORT, first_only=True)  # the poster is full: one text of each kind
            for block in [data] + data["pillars"] + data["panels"]:
                if "title" in block:  # titles are set large: replaced by a short hostile one
                    block["title"] = {lang: f"{TINY} {lang}" for lang in LANGS}
        elif path.name == "organisation.yaml":
            diagram = data.pop("diagram")
            data = _inject(data, PAYLOAD)
            data["diagram"] = _inject(diagram, SHORT)
        else:
            data = _inject(data, PAYLOAD)
        if path.name == "recommendations.yaml":
            text = data["recommendations"][0]["text"]
            for lang in LANGS:
                text[lang] = f"{FORMULAS[lang]} {text[lang]}"
        (target / path.name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000),
                                        encoding="utf-8")


TOP_LEVEL_SKIPPED = {".venv", ".git", "build", "site", "dist", "tests", ".pytest_cache"}


def copy_project(target: Path) -> Path:
    """The project without its outputs, tests and virtualenv (scripts/build is kept: only top-level build/ goes)."""
    def ignore(folder, names):
        top = Path(folder).resolve() == ROOT.resolve()
        return [n for n in names if n == "__pycache__" or (top and n in TOP_LEVEL_SKIPPED)]

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _navigation_of_fixture(target: Path) -> None:
    """The project's navigation lists only the kinds of help its content has."""
    config = target / "mkdocs.yml"
    kinds = {k["id"] for k in yaml.safe_load((target / "content" / "guide.yaml").read_text(encoding="utf-8"))["kinds"]}
    lines = [line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
             if not (m := re.match(r"\s+- help/([a-z0-9.-]+)\.md$", line)) or m.group(1) in kinds or m.group(1) == "index"]
    config.write_text("".join(lines), encoding="utf-8")


def hostile_project(target: Path) -> Path:
    """A project copy that builds the hostile content."""
    copy_project(target)
    shutil.rmtree(target / "content")
    hostile_content(target / "content")
    _navigation_of_fixture(target)
    return target


def fixture_project(target: Path) -> Path:
    """A project copy that builds the small fixture content set (with the real ui.yaml), quickly."""
    copy_project(target)
    shutil.rmtree(target / "content")
    shutil.copytree(FIXTURE, target / "content")
    shutil.copy(ROOT / "content" / "ui.yaml", target / "content" / "ui.yaml")
    _navigation_of_fixture(target)
    return target
