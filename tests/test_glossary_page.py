"""The glossary on a phone, its letter index, and abbreviations everywhere linking to their entry."""

from urllib.parse import urlparse

import pytest

PHONE = {"width": 390, "height": 844}


def prefix(lang: str) -> str:
    return "" if lang == "nl" else f"{lang}/"


@pytest.fixture(params=["http", "file"])
def base(request, http_url, built) -> str:
    return http_url if request.param == "http" else built.site.as_uri() + "/"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_glossary_fits_a_390px_phone(browser, base, content, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}glossary.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator(".kb-term").count() == len(content.glossary.terms)
    # every meaning lies within the screen's width
    outside = page.evaluate("""() => [...document.querySelectorAll('.kb-term p')].filter(p => {
        const r = p.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > window.innerWidth; }).length""")
    assert outside == 0
    context.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_letter_index_jumps_to_the_letter(browser, base, content, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base}{prefix(lang)}glossary.html")
    letters = page.eval_on_selector_all(".kb-letters a", "els => els.map(e => e.textContent)")
    firsts = {((t.abbr or t.expansion)[lang][:1]).upper() for t in content.glossary.terms}
    assert set(letters) <= firsts | {"#"} and len(letters) >= 10
    page.click('.kb-letters a >> text="M"')
    page.wait_for_timeout(300)
    assert urlparse(page.url).fragment == "letter-m"
    top = page.evaluate("document.getElementById('letter-m').getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"] / 2
    context.close()


@pytest.mark.parametrize("lang, page_name, word", [("fr", "help/msoc.html", "MASS"), ("en", "help/paaz.html", "PAAZ"),
                                                   ("nl", "recommendations.html", "OCMW")])
def test_abbreviation_tooltip_links_to_its_glossary_entry(page, base, content, lang, page_name, word):
    page.goto(f"{base}{prefix(lang)}{page_name}")
    link = page.locator(f'.md-content a.kb-abbr:has(abbr:text-is("{word}"))').first
    link.scroll_into_view_if_needed()
    href = link.evaluate("a => a.href")
    target = urlparse(href)
    assert target.path.endswith(f"/{prefix(lang)}glossary.html")
    term = next(t for t in content.glossary.terms if t.abbr and t.abbr[lang] == word)
    assert target.fragment == term.id
    link.hover()
    tip = page.locator("#kb-tip")
    tip.wait_for(state="visible", timeout=3000)
    assert tip.inner_text().startswith(term.expansion[lang])
    # the tooltip stays while the pointer moves onto it, and its link leads to the entry
    tip.locator("a").hover()
    tip.locator("a").click()
    page.wait_for_load_state()
    assert urlparse(page.url).fragment == term.id
    assert page.evaluate(f"document.getElementById('{term.id}').getBoundingClientRect().top") < 844


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_abbreviation_tooltip_on_keyboard_focus(page, http_url, lang):
    page.goto(f"{http_url}{prefix(lang)}help/msoc.html")
    link = page.locator(".md-content a.kb-abbr:not([tabindex])").first
    link.focus()
    tip = page.locator("#kb-tip")
    tip.wait_for(state="visible", timeout=3000)
    assert tip.inner_text().startswith(link.get_attribute("data-title"))
    assert link.get_attribute("aria-describedby") == "kb-tip"
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=3000)
