"""What a reader does, in Debian's Chromium: filter, share, print, download, search; over HTTP and from file://."""

import csv
import io
from pathlib import Path
from urllib.parse import urlparse

import pytest

from searching import search

LANGS = ("nl", "fr", "en")


def prefix(lang: str) -> str:
    return "" if lang == "nl" else f"{lang}/"


def expected(content, **facets) -> set[str]:
    fields = {"source": "source", "level": "level", "actor": "actors", "topic": "topics", "region": "regions"}
    out = set()
    for rec in content.recommendations:
        ok = True
        for facet, wanted in facets.items():
            have = getattr(rec, fields[facet])
            have = [have] if isinstance(have, str) else have
            if not set(wanted) & set(have):
                ok = False
        if ok:
            out.add(rec.id)
    return out


def visible_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(".kb-rec:not([hidden])", "els => els.map(e => e.dataset.id)"))


def fill_query(page, text: str) -> None:
    """Type into the explorer's text box and wait for the list (it follows the typing after a short pause)."""
    page.fill("#kb-q", text)
    page.wait_for_function("(v) => window.kbExplorer.lastState && window.kbExplorer.lastState.q === v", arg=text.strip())


def check(page, facet: str, value: str) -> None:
    box = page.locator(f'input[name="{facet}"][value="{value}"]')
    if not box.is_visible():  # a less used value of a long facet: behind "Show all"
        page.click(f'[data-facet="{facet}"] .kb-toggle-more')
    box.check()


COMBINATIONS = [
    {"source": ["matremi"]},
    {"actor": ["regions"], "topic": ["language-interpreters"]},
    {"level": ["regional", "policy"], "topic": ["language-interpreters"]},
    {"actor": ["spoc", "fedasil"]},
    {"region": ["brussels", "wallonia"], "source": ["drugint"]},
    {"topic": ["mobile-crisis-teams"], "level": ["drug-services", "policy", "regional"]},
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("combo", COMBINATIONS, ids=lambda c: "+".join(f"{k}={','.join(v)}" for k, v in c.items()))
def test_filters_show_exactly_what_the_yaml_gives(page, http_url, content, lang, combo):
    page.goto(f"{http_url}{prefix(lang)}recommendations.html")
    for facet, values in combo.items():
        for value in values:
            check(page, facet, value)
    want = expected(content, **combo)
    assert want, "a combination that selects nothing tests nothing"
    assert visible_ids(page) == want
    status = page.inner_text("#kb-status")
    assert str(len(want)) in status and "143" in status
    # counts beside a value of another facet: what ticking it would add within the current selection
    for facet in ("source", "level", "region"):
        if facet in combo:
            continue
        for value in page.eval_on_selector_all(f'input[name="{facet}"]', "els => els.map(e => e.value)"):
            shown = page.inner_text(f'[data-count="{facet}:{value}"]')
            assert int(shown) == len(expected(content, **combo, **{facet: [value]})), (facet, value)


def test_text_filter_and_number(page, http_url):
    page.goto(f"{http_url}fr/recommendations.html")
    fill_query(page, "6.4")
    ids = visible_ids(page)
    assert "drugint-6.4" in ids
    fill_query(page, "interprètes")
    with_accent = visible_ids(page)
    fill_query(page, "interpretes")
    assert visible_ids(page) == with_accent and len(with_accent) >= 5
    page.click("#kb-clear")
    assert len(visible_ids(page)) == 143


def test_url_round_trip_restores_the_selection(browser, http_url, content):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{http_url}en/recommendations.html")
    check(page, "actor", "regions")
    check(page, "topic", "language-interpreters")
    fill_query(page, "interpreters")
    page.wait_for_function("() => location.hash.includes('q=interpreters')")
    url = page.evaluate("location.href")
    assert "actor=regions" in url and "topic=language-interpreters" in url and "q=interpreters" in url
    selection = visible_ids(page)
    other = context.new_page()
    other.goto(url)
    assert other.is_checked('input[name="actor"][value="regions"]')
    assert other.is_checked('input[name="topic"][value="language-interpreters"]')
    assert other.input_value("#kb-q") == "interpreters"
    assert visible_ids(other) == selection
    context.close()


def test_views_are_links_that_set_filters(page, http_url, content):
    page.goto(f"{http_url}recommendations.html")
    page.click(".kb-views summary")
    page.click('a[data-view="actor=regions"]')
    assert page.is_checked('input[name="actor"][value="regions"]')
    assert visible_ids(page) == expected(content, actor=["regions"])


def test_print_shows_only_the_selection(page, http_url, content):
    page.goto(f"{http_url}fr/recommendations.html#actor=regions&topic=language-interpreters")
    page.emulate_media(media="print")
    printed = set(page.eval_on_selector_all(".kb-rec", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.id)"))
    assert printed == expected(content, actor=["regions"], topic=["language-interpreters"])
    assert not page.is_visible("#kb-filters")
    assert not page.is_visible(".md-sidebar--primary")
    summary = page.inner_text("#kb-print-summary")
    assert "Régions et communautés" in summary and "Langue et interprètes" in summary
    assert "Imprimé le" in summary
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_download_selection_csv(page, http_url, content):
    page.goto(f"{http_url}recommendations.html#source=drugint&region=brussels")
    with page.expect_download() as info:
        page.click("#kb-download")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == [r.id for r in content.recommendations if r.id in expected(content, source=["drugint"], region=["brussels"])]


def _search(page, query: str) -> list[str]:
    return search(page, query)


@pytest.mark.parametrize("lang, query", [("fr", "recommandations"), ("en", "interpreters"), ("nl", "tolken")])
def test_search_finds_only_pages_in_the_readers_language(page, http_url, lang, query):
    page.goto(f"{http_url}{prefix(lang)}index.html")
    hrefs = _search(page, query)
    assert hrefs
    for href in hrefs:
        path = urlparse(href).path
        if lang == "nl":
            assert not path.startswith(("/fr/", "/en/")), href
        else:
            assert path.startswith(f"/{lang}/"), href


def test_search_finds_a_recommendation_by_number(page, http_url):
    page.goto(f"{http_url}en/index.html")
    hrefs = _search(page, "6.4")
    targets = [(urlparse(h).path.rsplit("/", 1)[-1], urlparse(h).fragment) for h in hrefs]
    assert ("recommendations.html", "drugint-6.4") in targets, targets


def test_language_switch_keeps_the_page(page, http_url):
    page.goto(f"{http_url}help/msoc.html")
    href = page.get_attribute('a.md-select__link[hreflang="fr"]', "href")
    assert href.endswith("fr/help/msoc.html")
