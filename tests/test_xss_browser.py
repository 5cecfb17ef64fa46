"""Hostile text in every text field: built, opened in Chromium, no script runs, the text shows as written."""

import csv
import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EPOCH
from hostile import FORMULAS, PAYLOAD, SHORT, TINY, hostile_project

LANGS = ("nl", "fr", "en")
# Pages made by hand (no content text in them) and the 404 page.
HAND_WRITTEN = {"sources.html", "404.html"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "project")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "kennisbank.build"], cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile):
    from kennisbank.browser import serve_directory

    server, url = serve_directory(hostile)
    yield url
    server.shutdown()


def pages_of(site: Path, lang: str) -> list[str]:
    root = site if lang == "nl" else site / lang
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*.html")
        if p.relative_to(root).parts[0] not in LANGS and "assets" not in p.parts and "downloads" not in p.parts
    )


# Every inline handler attribute and every javascript: URL, then every element hovered, entered and focused.
PROBE = """() => {
  const bad = [];
  const all = Array.from(document.querySelectorAll('*'));
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + '[' + name + ']');
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name) && /^\\s*javascript:/i.test(attr.value))
        bad.push(el.tagName + '[' + name + '=' + attr.value + ']');
    }
  }
  for (const el of all) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
  }
  const scripts = Array.from(document.scripts).filter(s => !s.src && s.type !== 'application/json')
    .map(s => s.textContent.trim().slice(0, 60)).filter(t => /alert/.test(t));
  return bad.concat(scripts);
}"""


def visible_text(page) -> str:
    return " ".join(page.evaluate("() => document.body.innerText").replace("\u00a0", " ").split())


@pytest.mark.parametrize("lang", LANGS)
def test_no_script_runs_and_text_shows_as_written(browser, hostile, hostile_url, lang):
    """Every page in the language: no dialog on load, hover, focus or click; the payload is shown as text."""
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    prefix = "" if lang == "nl" else f"{lang}/"
    checked = 0
    for name in pages_of(hostile, lang):
        page.goto(f"{hostile_url}{prefix}{name}")
        page.wait_for_load_state("load")
        assert page.evaluate(PROBE) == [], name
        for handle in page.query_selector_all("[title], abbr, a, button, summary")[:200]:
            if handle.is_visible():
                handle.hover(timeout=2000, force=True)
        for handle in page.query_selector_all("summary, a[href^='#'], button")[:60]:
            if handle.is_visible():
                handle.click(timeout=2000, force=True, no_wait_after=True)
                page.wait_for_timeout(10)
        if page.url.split("#")[0] != f"{hostile_url}{prefix}{name}":
            page.goto(f"{hostile_url}{prefix}{name}")
        page.wait_for_timeout(50)
        if name not in HAND_WRITTEN:
            text = visible_text(page)
            assert PAYLOAD in text or SHORT in text, name
            checked += 1
        title = page.title()
        assert "<script>" not in title or "</title><script>alert(1)</script>" in title
    context.close()
    assert dialogs == []
    assert checked >= 10


@pytest.mark.parametrize("lang", LANGS)
def test_titles_keep_the_markup_as_text(browser, hostile_url, lang):
    context = browser.new_context()
    page = context.new_page()
    prefix = "" if lang == "nl" else f"{lang}/"
    for name in ("recommendations.html", "help/msoc.html", "findings.html", "glossary.html", "common.html", "poster.html"):
        page.goto(f"{hostile_url}{prefix}{name}")
        assert "</title><script>alert(1)</script><img src=x onerror=alert(2)>" in page.title(), name
        h1 = " ".join(page.inner_text("article h1").replace("\u00a0", " ").split())
        assert PAYLOAD in h1, name
    context.close()


class _Live(HTMLParser):
    """Inline handlers, javascript: URLs and scripts that would alert, in parsed HTML."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        self.script = tag == "script"

    def handle_endtag(self, tag):
        self.script = False

    def handle_data(self, data):
        if self.script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def test_the_page_markup_has_no_live_payload(hostile):
    """Statically, in every HTML and SVG file: no inline handler, javascript: URL or script from the payload."""
    files = [p for p in hostile.rglob("*") if p.suffix in (".html", ".svg")]
    assert len(files) > 40
    for path in files:
        text = path.read_text(encoding="utf-8")
        parser = _Live()
        parser.feed(text)
        assert parser.found == [], path
        assert not re.search(r"<title>[^<]*<(?!/title>)", text), path
        assert "alert(2)" not in text or "&lt;img src=x onerror=alert(2)&gt;" in text or "&#60;img" in text, path


def test_search_results_show_the_text_and_run_nothing(browser, hostile_url):
    from kennisbank.browser import wait_for_search_index

    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{hostile_url}recommendations.html")
    wait_for_search_index(page)
    page.keyboard.type("onerror")
    page.wait_for_selector(".md-search-result__link", timeout=5000)
    results = page.query_selector_all(".md-search-result__item")
    assert results
    for item in results[:20]:
        if item.is_visible():
            item.hover(force=True)
    assert page.evaluate(PROBE) == []
    text = " ".join(page.inner_text(".md-search-result").split())
    assert "<img src=x onerror=alert(" in text
    context.close()
    assert dialogs == []


def _read_csv(data: bytes, lang: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter="," if lang == "en" else ";"))


@pytest.mark.parametrize("lang", LANGS)
def test_downloaded_csv_cells_cannot_be_formulas(hostile, lang):
    rows = _read_csv((hostile / "downloads" / f"recommendations-{lang}.csv").read_bytes(), lang)
    text = rows[1][5]
    assert text.startswith("'" + FORMULAS[lang] + " ")
    from kennisbank.csvsafe import FORMULA_START

    assert all(not cell.startswith(FORMULA_START) for row in rows for cell in row)


@pytest.mark.parametrize("lang", LANGS)
def test_selection_csv_from_the_browser_cannot_hold_formulas(browser, hostile_url, lang, tmp_path):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    prefix = "" if lang == "nl" else f"{lang}/"
    page.goto(f"{hostile_url}{prefix}recommendations.html")
    with page.expect_download() as info:
        page.click("#kb-download")
    target = tmp_path / "selection.csv"
    info.value.save_as(target)
    context.close()
    rows = _read_csv(target.read_bytes(), lang)
    first = next(row for row in rows if row[0] == "drugint-6.4")
    assert first[5].startswith("'" + FORMULAS[lang] + " ")
    from kennisbank.csvsafe import FORMULA_START

    assert all(not cell.startswith(FORMULA_START) for row in rows for cell in row)


def test_poster_svg_holds_the_payload_as_text(hostile):
    svg = hostile / "downloads" / "posters" / "poster-nl-a3.svg"
    tree = ET.parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert not list(tree.iter(f"{ns}script"))
    assert not [el for el in tree.iter() for name in el.attrib if name.lower().startswith("on")]
    texts = " ".join(el.text or "" for el in tree.iter(f"{ns}text"))
    assert "<img" in texts and TINY.split()[0] in texts


def test_material_never_fetches_from_another_host(built):
    """Material's bundle loads a ResizeObserver polyfill from unpkg.com when ResizeObserver is missing, and
    mermaid from unpkg.com for mermaid diagrams: every page loads our ResizeObserver first, and no page has
    a mermaid diagram (test_build checks that no page, style sheet or script links another host)."""
    pages = [p for p in built.site.rglob("*.html") if "downloads" not in p.parts]
    with_bundle = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        bundle = [i for i, s in enumerate(scripts) if "assets/javascripts/bundle." in s]
        if bundle:
            with_bundle += 1
            ours = [i for i, s in enumerate(scripts) if s.endswith("assets/kennisbank/resize-observer.js")]
            assert ours and ours[0] < bundle[0], path
        assert 'class="mermaid"' not in html, path
    assert with_bundle > 60
    bundles = list(built.site.glob("assets/javascripts/bundle.*.min.js"))
    fetched = sorted(set(re.findall(r'_t\("(https?://[^"]+)"\)', bundles[0].read_text(encoding="utf-8"))))
    assert fetched == ["https://unpkg.com/mermaid@11/dist/mermaid.min.js", "https://unpkg.com/resize-observer-polyfill"]
    for path in built.site.rglob("*.js"):
        if "assets/javascripts" not in path.as_posix():
            assert "//unpkg.com" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_old_browser_without_resize_observer_requests_nothing_elsewhere(browser, http_url):
    context = browser.new_context()
    context.add_init_script("delete window.ResizeObserver;")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for name in ("index.html", "recommendations.html", "fr/help/index.html", "en/organisation.html"):
        page.goto(http_url + name)
        page.wait_for_load_state("load")
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(300)
        assert page.evaluate("typeof ResizeObserver") == "function"
    context.close()
    assert [u for u in requests if not u.startswith(http_url) and not u.startswith("data:")] == []
    assert errors == []
