"""The explorer as a reader uses it: language switch that keeps the place, layout with the result in view, chips that
filter, "See also" that keeps the selection, copy link, accessibility; over HTTP and from file://."""

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpers import prefix
from kennisbank.settings import SITE_URL

LANGS = ("nl", "fr", "en")
WIDE = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SELECTION = "actor=regions&topic=language-interpreters"


def expected(content, **facets) -> set[str]:
    fields = {"source": "source", "level": "level", "actor": "actors", "topic": "topics", "region": "regions"}
    out = set()
    for rec in content.recommendations:
        if all(set(wanted) & set([getattr(rec, fields[f])] if isinstance(getattr(rec, fields[f]), str) else getattr(rec, fields[f]))
               for f, wanted in facets.items()):
            out.add(rec.id)
    return out


def visible_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(".kb-rec:not([hidden])", "els => els.map(e => e.dataset.id)"))


def in_viewport(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.top < window.innerHeight && r.left >= 0 && r.right <= window.innerWidth + 1; }""", selector)


def switch_language(page, lang: str) -> None:
    page.hover(".md-header .md-select")
    page.click(f'.md-select__link[hreflang="{lang}"]')
    page.wait_for_load_state()
    page.wait_for_function("() => window.kbExplorer || !document.getElementById('kb-explorer')")


@pytest.mark.parametrize("start, target", [("nl", "fr"), ("en", "nl")])
def test_language_switch_keeps_the_permalink(page, base, start, target):
    page.set_viewport_size(WIDE)
    page.goto(f"{base}{prefix(start)}recommendations.html#matremi-1.5.3")
    switch_language(page, target)
    assert page.url == f"{base}{prefix(target)}recommendations.html#matremi-1.5.3"
    page.wait_for_timeout(200)
    assert in_viewport(page, "#matremi-1\\.5\\.3"), page.evaluate("document.getElementById('matremi-1.5.3').getBoundingClientRect().top")


@pytest.mark.parametrize("start, target", [("fr", "en"), ("nl", "fr")])
def test_language_switch_keeps_the_selection(page, base, content, start, target):
    page.goto(f"{base}{prefix(start)}recommendations.html#{SELECTION}")
    page.check('input[name="source"][value="matremi"]')
    want = expected(content, actor=["regions"], topic=["language-interpreters"], source=["matremi"])
    assert visible_ids(page) == want
    switch_language(page, target)
    assert urlparse(page.url).path.endswith(f"/{prefix(target)}recommendations.html")
    assert page.is_checked('input[name="source"][value="matremi"]') and page.is_checked('input[name="actor"][value="regions"]')
    assert visible_ids(page) == want
    assert str(len(want)) in page.inner_text("#kb-status")


@pytest.mark.parametrize("start, target", [("nl", "en"), ("fr", "nl")])
def test_language_switch_keeps_a_section_anchor(page, base, start, target):
    page.goto(f"{base}{prefix(start)}help/index.html#compare")
    switch_language(page, target)
    assert page.url == f"{base}{prefix(target)}help/index.html#compare"


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1366x768", "390x844"])
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_first_recommendation_visible_without_scrolling(browser, base, lang, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    first = page.evaluate("""() => { const r = document.querySelector('.kb-rec .kb-rec-title').getBoundingClientRect();
        return [r.top, r.bottom]; }""")
    assert 0 < first[1] <= viewport["height"], first
    assert in_viewport(page, "#kb-status")
    # the count stays in view while the reader scrolls through the results
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    assert in_viewport(page, "#kb-status")
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_filter_column_is_sticky_on_wide_screens(browser, base, lang):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    page.mouse.wheel(0, 6000)
    page.wait_for_timeout(300)
    assert in_viewport(page, "#kb-q")
    box = page.locator("#kb-side").bounding_box()
    results = page.locator("#kb-results").bounding_box()
    assert box["x"] + box["width"] <= results["x"]
    # the column scrolls on its own
    assert page.evaluate("getComputedStyle(document.getElementById('kb-side')).overflowY") == "auto"
    context.close()


@pytest.mark.parametrize("lang, label, button", [("nl", "Filteren (1)", "resultaten tonen"), ("fr", "Filtrer (1)", "Afficher")])
def test_phone_filter_panel(browser, base, content, lang, label, button):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    assert not page.is_visible("#kb-q")
    page.click("#kb-open")
    assert page.get_attribute("#kb-open", "aria-expanded") == "true"
    assert page.is_visible("#kb-q")
    page.check('input[name="region"][value="wallonia"]')
    want = expected(content, region=["wallonia"])
    apply_text = page.inner_text("#kb-apply")
    assert str(len(want)) in apply_text and button in apply_text
    assert in_viewport(page, "#kb-apply")
    page.click("#kb-apply")
    assert not page.is_visible("#kb-q")
    assert page.inner_text("#kb-open") == label
    assert visible_ids(page) == want
    page.click("#kb-open")
    page.keyboard.press("Escape")
    assert not page.is_visible("#kb-q")
    context.close()


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_quick_views_are_a_compact_control(browser, base, content, lang):
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    assert not page.is_visible('a[data-view="actor=fedasil"]')
    height = page.evaluate("document.querySelector('.kb-views').getBoundingClientRect().height")
    assert height < 90  # two lines at most, instead of fifteen links
    page.click(".kb-views summary")
    page.click('a[data-view="actor=fedasil"]')
    assert page.is_checked('input[name="actor"][value="fedasil"]')
    assert visible_ids(page) == expected(content, actor=["fedasil"])
    context.close()


@pytest.mark.parametrize("lang, find, label", [("nl", "tolk", "Tolken"), ("fr", "interpr", "Interprètes"), ("en", "interpr", "Interpreters")])
def test_long_facets_start_collapsed_and_filter_within(page, base, content, lang, find, label):
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    actors = page.locator('[data-facet="actor"] .kb-option')
    total = actors.count()
    assert total == len({a for r in content.recommendations for a in r.actors})
    shown = page.eval_on_selector_all('[data-facet="actor"] .kb-option', "els => els.filter(e => e.offsetParent).length")
    assert shown == 6
    counts = page.eval_on_selector_all('[data-facet="actor"] .kb-option .kb-count', "els => els.map(e => +e.textContent)")
    assert counts[:6] == sorted(counts, reverse=True)[:6]  # the most used first
    page.click('[data-facet="actor"] .kb-toggle-more')
    assert page.eval_on_selector_all('[data-facet="actor"] .kb-option', "els => els.filter(e => e.offsetParent).length") == total
    page.click('[data-facet="actor"] .kb-toggle-more')
    page.fill("#find-actor", find)
    found = page.eval_on_selector_all('[data-facet="actor"] .kb-option', "els => els.filter(e => e.offsetParent).map(e => e.innerText.trim())")
    assert found and all(find.lower() in f.lower() for f in found) and any(f.startswith(label) for f in found), found


@pytest.mark.parametrize("lang, words", [("nl", ("hoofdstuk", "actor", "gewest")), ("fr", ("chapitre", "acteur", "région")),
                                         ("en", ("chapter", "actor", "region"))])
def test_level_actor_region_each_explained_in_one_line(page, http_url, lang, words):
    page.goto(f"{http_url}{prefix(lang)}recommendations.html")
    for facet, word in zip(("level", "actor", "region"), words):
        text = page.inner_text(f"#help-{facet}")
        assert word in text.lower() and text.count(".") <= 2, text


@pytest.mark.parametrize("lang, legend", [("nl", "Regio"), ("en", "Region")])
def test_active_filters_show_as_removable_chips(page, base, content, lang, legend):
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    assert not page.is_visible("#kb-active")
    page.check('input[name="region"][value="brussels"]')
    page.check('input[name="source"][value="drugint"]')
    chips = page.eval_on_selector_all(".kb-active-chip", "els => els.map(e => e.innerText)")
    assert len(chips) == 2 and any(c.startswith(legend) for c in chips), chips
    page.click('.kb-active-chip[data-facet="region"]')
    assert not page.is_checked('input[name="region"][value="brussels"]')
    assert visible_ids(page) == expected(content, source=["drugint"])
    page.wait_for_function("() => !location.hash.includes('region=')")  # the address follows after the paint
    page.click("#kb-clear")
    assert len(visible_ids(page)) == 143 and not page.is_visible("#kb-active")


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_chips_on_a_card_set_that_filter(page, base, content, lang):
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    card = page.locator('.kb-rec[data-id="drugint-6.4"]')
    chip = card.locator('a.kb-chip[href^="#topic="]').first
    topic = chip.get_attribute("href").split("=", 1)[1]
    chip.scroll_into_view_if_needed()
    chip.click()
    assert page.is_checked(f'input[name="topic"][value="{topic}"]')
    assert visible_ids(page) == expected(content, topic=[topic])
    page.wait_for_function("t => location.hash.includes('topic=' + t)", arg=topic)
    assert in_viewport(page, "#kb-status")
    # a second chip adds to the selection
    region = page.locator('.kb-rec:not([hidden]) a.kb-chip[href^="#region="]').first
    value = region.get_attribute("href").split("=", 1)[1]
    region.click()
    assert visible_ids(page) == expected(content, topic=[topic], region=[value])


def _related_pair(content, selection: set[str], inside: bool):
    related = content.related()
    for rec in content.recommendations:
        if rec.id not in selection:
            continue
        for other in related[rec.id]:
            if (other in selection) == inside:
                return rec.id, other
    raise AssertionError("no such pair in the selection")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_see_also_keeps_the_selection(page, base, content, lang):
    page.set_viewport_size(WIDE)
    page.goto(f"{base}{prefix(lang)}recommendations.html#{SELECTION}")
    selection = expected(content, actor=["regions"], topic=["language-interpreters"])
    source, target = _related_pair(content, selection, inside=True)
    page.click(f'.kb-rec[data-id="{source}"] .kb-related a[data-rel="{target}"]')
    page.wait_for_timeout(200)
    assert visible_ids(page) == selection
    assert urlparse(page.url).fragment == SELECTION
    assert in_viewport(page, f'[id="{target}"]')


@pytest.mark.parametrize("lang, words", [("fr", "ne fait pas partie de votre sélection"), ("nl", "valt buiten uw selectie")])
def test_see_also_outside_the_selection_says_so_and_offers_to_show_it(page, base, content, lang, words):
    page.set_viewport_size(WIDE)
    page.goto(f"{base}{prefix(lang)}recommendations.html#{SELECTION}")
    selection = expected(content, actor=["regions"], topic=["language-interpreters"])
    source, target = _related_pair(content, selection, inside=False)
    page.click(f'.kb-rec[data-id="{source}"] .kb-related a[data-rel="{target}"]')
    assert page.is_visible("#kb-notice")
    assert words in page.inner_text("#kb-notice")
    assert visible_ids(page) == selection  # nothing changed yet
    page.click("#kb-notice-show")
    page.wait_for_timeout(200)
    assert target in visible_ids(page)
    assert in_viewport(page, f'[id="{target}"]')
    page.go_back()
    page.wait_for_timeout(300)
    assert visible_ids(page) == selection


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_part_of_keeps_the_selection(page, base, content, lang):
    nested = next(r for r in content.recommendations if r.parent)
    page.goto(f"{base}{prefix(lang)}recommendations.html#source={nested.source}")
    page.click(f'.kb-rec[data-id="{nested.id}"] .kb-parent a')
    page.wait_for_timeout(200)
    assert urlparse(page.url).fragment == f"source={nested.source}"
    assert in_viewport(page, f'[id="{nested.parent}"]')


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_copy_link_over_http_copies_the_page_address(browser, http_url, lang):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{http_url}{prefix(lang)}recommendations.html#{SELECTION}")
    page.click("#kb-copy")
    page.wait_for_selector("#kb-copied[data-url]")
    want = f"{http_url}{prefix(lang)}recommendations.html#{SELECTION}"
    assert page.evaluate("navigator.clipboard.readText()") == want
    assert want in page.inner_text("#kb-copied")
    card = page.locator(".kb-rec:not([hidden]) .kb-copy-card").nth(2)
    rid = card.get_attribute("data-copy")
    card.click()
    page.wait_for_function("(u) => document.getElementById('kb-copied').dataset.url === u",
                           arg=f"{http_url}{prefix(lang)}recommendations.html#{rid}")
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"recommendations.html#{rid}")
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_copy_link_offline_gives_the_public_address(browser, built, lang):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    root = built.site if lang == "nl" else built.site / lang
    page.goto((root / "recommendations.html").as_uri() + f"#{SELECTION}")
    page.click("#kb-copy")
    page.wait_for_selector("#kb-copied[data-url]")
    want = f"{SITE_URL}{prefix(lang)}recommendations.html#{SELECTION}"
    assert page.get_attribute("#kb-copied", "data-url") == want
    assert want in page.inner_text("#kb-copied") or page.input_value(".kb-copy-input") == want
    assert "file:" not in page.inner_text("#kb-copied")
    card = page.locator(".kb-rec:not([hidden]) .kb-copy-card").first
    rid = card.get_attribute("data-copy")
    card.click()
    page.wait_for_function("(u) => document.getElementById('kb-copied').dataset.url === u",
                           arg=f"{SITE_URL}{prefix(lang)}recommendations.html#{rid}")
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_explorer_has_no_axe_violations(page, base, lang):
    """WCAG 2.1 A/AA, with the page as a reader gets it (off-screen cards not rendered)."""
    page.goto(f"{base}{prefix(lang)}recommendations.html")
    page.wait_for_function("() => window.kbExplorer")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]
    assert violations == []
