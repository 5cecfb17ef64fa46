"""End-to-end: the build's outputs, the failed-build guarantee, escaping, exports, the offline bundle."""

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

LANGS = ("nl", "fr", "en")
KINDS = ["informal-care", "street-work", "primary-care", "msoc", "day-centres", "cgg", "day-treatment",
         "homeless-services", "cic", "epsi", "paaz", "pz", "tg", "sheltered-housing"]
PAGES = sorted(
    ["index.html", "recommendations.html", "common.html", "findings.html", "conclusions.html", "glossary.html",
     "sources.html", "organisation.html", "poster.html", "help/index.html", "practice.html", "contacts.html"] + [f"help/{k}.html" for k in KINDS]
)


def lang_root(site: Path, lang: str) -> Path:
    return site if lang == "nl" else site / lang


@pytest.mark.parametrize("lang", LANGS)
def test_pages_per_language(built, lang):
    root = lang_root(built.site, lang)
    found = sorted(
        str(p.relative_to(root)) for p in root.rglob("*.html")
        if not any(part in LANGS for part in p.relative_to(root).parts[:1]) and p.name != "404.html"
        and "assets" not in p.parts and "downloads" not in p.parts
    )
    assert found == PAGES
    html = (root / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_recommendation_has_its_permalink(built, lang):
    from kennisbank.content import load_content

    content = load_content(ROOT / "content")
    html = (lang_root(built.site, lang) / "recommendations.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h3 class="kb-rec-title" id="([^"]+)"', html)
    assert ids == [r.id for r in content.recommendations]
    for rec in content.recommendations:
        assert f'href="#{rec.id}"' in html


@pytest.mark.parametrize("lang", LANGS)
def test_exports(built, lang):
    data = (built.site / "downloads" / f"recommendations-{lang}.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter="," if lang == "en" else ";"))
    assert len(rows) == 1 + 143
    assert all(len(row) == 11 for row in rows)
    doc = json.loads((built.site / "downloads" / f"recommendations-{lang}.json").read_text(encoding="utf-8"))
    assert doc["count"] == 143 and doc["language"] == lang
    assert {r["id"] for r in doc["recommendations"]} == {row[0] for row in rows[1:]}


@pytest.mark.parametrize("lang", LANGS)
def test_search_index_per_language(built, lang):
    folder = built.site / "search" if lang == "nl" else built.site / lang / "search"
    index = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    locations = [d["location"] for d in index["docs"]]
    assert locations and not any(loc.startswith(("fr/", "en/")) for loc in locations)
    titles = " ".join(d["title"] for d in index["docs"])
    expected = {"nl": "Aanbevelingen", "fr": "Recommandations", "en": "Recommendations"}[lang]
    assert expected in titles
    assert (folder / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")


def test_build_date_in_every_footer(built):
    for page in built.site.rglob("*.html"):
        if "assets" in page.parts:
            continue
        assert '<time datetime="2025-11-23">' in page.read_text(encoding="utf-8"), page


def test_no_reference_to_other_hosts_in_pages(built):
    offenders = set()
    for path in built.site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js") or "downloads" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        # a link a reader may follow (<a href>) is no request; anything the page loads is
        for match in re.finditer(r"""<([a-zA-Z]+)\b[^>]*?\b(src|href)=["'](https?:)?//([^"'/]+)""", text):
            if (match.group(1).lower(), match.group(2)) != ("a", "href"):
                offenders.add((str(path.relative_to(built.site)), match.group(4)))
        for match in re.finditer(r"""url\(["']?(https?:)?//([^"')]+)""", text):
            offenders.add((str(path.relative_to(built.site)), match.group(2)))
    assert offenders == set()


def test_offline_bundle(built):
    bundles = list(built.dist.glob("drugs-en-opvang-offline-*.zip"))
    assert [b.name for b in bundles] == ["drugs-en-opvang-offline-2025-11-23.zip"]
    with zipfile.ZipFile(bundles[0]) as zf:
        names = zf.namelist()
        top = "drugs-en-opvang-offline-2025-11-23/"
        assert top + "start.html" in names
        readme = zf.read(top + "LEES MIJ EERST - LISEZ-MOI - READ ME FIRST.txt").decode()
        assert "start.html" in readme and "Double-cliquez" in readme and "Double-click" in readme
        assert top + "site/index.html" in names and top + "site/fr/index.html" in names
        assert top + "site/downloads/recommendations-en.csv" in names


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    """A malformed record: file:line errors, non-zero exit, and the previous site/ byte for byte as it was."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "build", "site", "dist", "__pycache__"))
    site = project / "site"
    (site / "fr").mkdir(parents=True)
    (site / "index.html").write_text("previous build", encoding="utf-8")
    (site / "fr" / "index.html").write_text("build précédent", encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    recs = project / "content" / "recommendations.yaml"
    text = recs.read_text(encoding="utf-8")
    text = text.replace("    level: fedasil\n", "    level: fedasill\n", 1)
    recs.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kennisbank.build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"^content/recommendations\.yaml:\d+: (themes|recommendations)\[\d+\]\.level: unknown level 'fedasill' \(allowed: fedasil, ", result.stderr, re.M)
    assert "previous site/ is unchanged" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_html_in_content_is_escaped(tmp_path):
    from kennisbank.content import load_content
    from kennisbank.pages import generate

    content_dir = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "content", content_dir)
    shutil.copy(ROOT / "content" / "ui.yaml", content_dir / "ui.yaml")  # every string the templates use
    recs = content_dir / "recommendations.yaml"
    recs.write_text(
        recs.read_text(encoding="utf-8").replace(
            "nl: Een SPOC aanduiden voor het regionale netwerk.", 'nl: "Een <script>alert(1)</script> <b>vet</b> & meer."'
        ),
        encoding="utf-8",
    )
    content = load_content(content_dir)
    out = tmp_path / "docs"
    generate(content, ROOT / "docs", out, {lang: "<svg></svg>" for lang in LANGS}, (10, 10))
    page = (out / "nl" / "recommendations.md").read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page
    assert "Een &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;vet&lt;/b&gt; &amp; meer." in page


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_page_missing_in_one_language_fails_the_build(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "build", "site", "dist", "__pycache__"))
    (project / "docs" / "fr" / "sources.md").unlink()
    result = subprocess.run([sys.executable, "-m", "kennisbank.build"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/fr/sources.md: missing (it exists in another language)" in result.stderr
    assert not (project / "site").exists()
