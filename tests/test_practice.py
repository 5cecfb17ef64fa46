"""Practice pages and phone numbers (issue 11): from the poster's records, one tap from home, by id."""

import html
import re
import shutil
from pathlib import Path

import pytest

from kennisbank.content import ContentError, load_content
from kennisbank.typography import RULES

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("nl", "fr", "en")
PHONE = {"width": 390, "height": 844}


def typeset(text: str, lang: str) -> str:
    """A text as the reader sees it: with the renderers' typography; apostrophes and spaces made plain."""
    return plain(RULES[lang](text) if lang in RULES else text)


def plain(text: str) -> str:
    return re.sub(r"[\u00a0\u202f ]+", " ", re.sub(r"[’‘']", "'", text))


def root_url(http_url: str, lang: str) -> str:
    return http_url if lang == "nl" else f"{http_url}{lang}/"


# --- the `related` ids of poster blocks are validated against the records they name ---

@pytest.fixture()
def real_content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


RELATED_BAD = [
    pytest.param(
        "      recommendations: [drugint-7.3,", "      recommendations: [drugint-73,",
        "panels[2].related.recommendations[0]: unknown recommendation 'drugint-73'", id="unknown-recommendation",
    ),
    pytest.param(
        "      kinds: [msoc, street-work]", "      kinds: [msoc, streetwork]",
        "pillars[3].related.kinds[1]: unknown kind of help 'streetwork'", id="unknown-kind",
    ),
    pytest.param(
        "        - {section: interventions, blocks: [7]}", "        - {section: interventions, blocks: [70]}",
        "panels[2].related.findings[1].blocks[0]: section 'interventions' has blocks 1 to 7, not 70", id="block-out-of-range",
    ),
    pytest.param(
        "        - {section: substances, blocks: [10]}", "        - {section: substance, blocks: [10]}",
        "panels[2].related.findings[0].section: unknown findings section 'substance' (allowed: aims-and-questions, method, "
        "substances, interventions, referral, training-needs, source-reports)", id="unknown-findings-section",
    ),
    pytest.param(
        "      recommendations: [drugint-2.2, drugint-7.5]", "      recommendations: [drugint-2.2, drugint-2.2]",
        "panels[4].related.recommendations[1]: 'drugint-2.2' is listed twice", id="listed-twice",
    ),
]


@pytest.mark.parametrize("old, new, message", RELATED_BAD)
def test_related_ids_must_exist(real_content, old, new, message):
    poster = real_content / "poster.yaml"
    text = poster.read_text(encoding="utf-8")
    assert old in text, old
    poster.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    with pytest.raises(ContentError) as info:
        load_content(real_content)
    assert [str(p) for p in info.value.problems] == [f"content/poster.yaml:{line}: {message}"]


def test_every_practice_section_names_what_concerns_it(content):
    """The transfer question carries DRUGINT's findings and recommendations on transfers; the training its own."""
    blocks = {b.id: b for b in content.poster.pillars + content.poster.panels}
    transfer = blocks["transfer-or-time-out"].related
    assert "drugint-7.3" in transfer.recommendations
    assert {f.section for f in transfer.findings} == {"substances", "interventions"}
    for ref in transfer.findings:
        section = next(s for s in content.findings.sections if s.id == ref.section)
        assert all("transfer" in section.blocks[n - 1].p.en.lower() for n in ref.blocks)
    assert {"drugint-2.2", "drugint-7.5"} <= set(blocks["basic-training"].related.recommendations)
    assert "drugint-1.2" in blocks["professional-secrecy"].related.recommendations


# --- the pages in the browser ---

@pytest.mark.parametrize("lang", LANGS)
def test_home_to_practice_in_one_click(http_url, page, content, lang):
    page.goto(root_url(http_url, lang) + "index.html")
    page.click(".kb-door-practice h3 a")
    page.wait_for_load_state()
    assert page.url == root_url(http_url, lang) + "practice.html"
    poster = content.poster
    ids = [b.id for b in poster.pillars + poster.panels]
    assert page.eval_on_selector_all("h2[id]", "els => els.map(e => e.id)") == ids
    text = plain(page.inner_text("article"))
    for q in poster.panel("conversation-openers").questions:
        assert typeset(q[lang], lang) in text
    for para in poster.panel("professional-secrecy").paragraphs:
        assert typeset(para[lang], lang) in text
    for pillar in poster.pillars:
        for item in [pillar.definition] + pillar.points + pillar.warnings + pillar.tips:
            assert typeset(item[lang], lang) in text


@pytest.mark.parametrize("lang", LANGS)
def test_practice_sections_link_by_id(http_url, page, content, lang):
    page.goto(root_url(http_url, lang) + "practice.html")
    for block in content.poster.pillars + content.poster.panels:
        section = f"h2#{block.id} ~ div.kb-practice"
        hrefs = page.eval_on_selector(section, "el => [...el.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        for rid in block.related.recommendations:
            assert f"recommendations.html#{rid}" in hrefs, (block.id, rid)
        for kid in block.related.kinds:
            assert f"help/{kid}.html" in hrefs, (block.id, kid)
        for ref in block.related.findings:
            assert f"findings.html#{ref.section}" in hrefs, (block.id, ref.section)
        assert "contacts.html" in hrefs, block.id
    # the transfer question shows what DRUGINT found and recommends, from their own records
    transfer = plain(page.inner_text("h2#transfer-or-time-out ~ div.kb-practice"))
    assert typeset(content.rec("drugint-7.3").text[lang], lang) in transfer
    substances = next(s for s in content.findings.sections if s.id == "substances")
    assert typeset(substances.blocks[9].p[lang], lang) in transfer
    # the page reaches the phone numbers in one click
    page.click(".kb-practice-top a")
    page.wait_for_load_state()
    assert page.url == root_url(http_url, lang) + "contacts.html"


@pytest.mark.parametrize("lang", LANGS)
def test_home_to_phone_numbers_in_one_click(browser, http_url, content, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(root_url(http_url, lang) + "index.html")
    page.click(".kb-door-help h3 a")
    page.wait_for_load_state()
    assert page.url == root_url(http_url, lang) + "contacts.html"
    tels = page.eval_on_selector_all("article a[href^='tel:']", "els => els.map(e => [e.getAttribute('href'), e.textContent])")
    phones = [c for c in content.guide.contacts if c.phone]
    assert len(tels) >= 7 and len(tels) == len(phones)
    assert [[href, plain(number)] for href, number in tels] == [["tel:+32" + c.phone[1:].replace(" ", ""), c.phone] for c in phones]
    for c in content.guide.contacts:
        entry = plain(page.inner_text(f"li#{c.id}"))
        assert typeset(c.name[lang], lang) in entry and typeset(c.note[lang], lang) in entry  # what the line is for
    assert typeset(content.t("contacts_flemish", lang), lang) in plain(page.inner_text("article"))
    # on a phone, the first number is on the first screen
    box = page.locator("article a[href^='tel:']").first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_every_door_within_two_phone_screens(browser, http_url, lang):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(root_url(http_url, lang) + "index.html")
    doors = page.eval_on_selector_all(".kb-doors > li h3 a", "els => els.map(e => [e.getAttribute('href'), e.getBoundingClientRect().bottom + scrollY])")
    assert [h for h, _ in doors] == ["practice.html", "contacts.html", "recommendations.html", "poster.html"]
    assert all(bottom <= 2 * PHONE["height"] for _, bottom in doors), doors
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_home_opens_the_explorer_by_actor_and_level(http_url, page, content, lang):
    page.goto(root_url(http_url, lang) + "index.html")
    hrefs = page.eval_on_selector_all(".kb-door-org .kb-door-views a", "els => els.map(e => e.getAttribute('href'))")
    assert "recommendations.html#actor=reception-centres" in hrefs
    assert {f"recommendations.html#level={lv.id}" for lv in content.vocab.levels} <= set(hrefs)
    page.click(".kb-door-org a[href='recommendations.html#actor=reception-centres']")
    page.wait_for_selector(".kb-rec:not([hidden])")
    shown = page.eval_on_selector_all(".kb-rec:not([hidden])", "els => els.map(e => e.dataset.actor)")
    assert shown and all("reception-centres" in a.split() for a in shown)


@pytest.mark.parametrize("lang", LANGS)
def test_home_says_the_kinds_of_help_are_flemish(http_url, page, content, lang):
    page.goto(root_url(http_url, lang) + "index.html")
    door = plain(page.inner_text(".kb-door-help"))
    assert typeset(content.t("door_help_text", lang), lang) in door
    assert {"nl": "Vlaamse", "fr": "flamande", "en": "Flemish"}[lang] in door and "VAD" in door


QUERIES = {
    "nl": ("beroepsgeheim", "professional-secrecy"),
    "fr": ("time-out", "transfer-or-time-out"),
    "en": ("conversation", "conversation-openers"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_practice_sections_in_the_readers_language(http_url, page, lang):
    from searching import search

    page.goto(root_url(http_url, lang) + "index.html")
    word, anchor = QUERIES[lang]
    hrefs = [re.sub(r"\?h=[^#]*", "", h) for h in search(page, word)]
    assert root_url(http_url, lang) + f"practice.html#{anchor}" in hrefs, hrefs
    assert all(h.startswith(root_url(http_url, lang)) for h in hrefs)
    if lang == "nl":
        assert not any(h.startswith((http_url + "fr/", http_url + "en/")) for h in hrefs)


def test_footer_labels_are_short(built):
    long = []
    for path in built.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for label in re.findall(r'class="md-footer__link md-footer__link--(?:prev|next)" aria-label="[^:"]+: ([^"]*)"', text):
            if len(html.unescape(label)) > 32:
                long.append(f"{path.relative_to(built.site)}: {label}")
    assert long == []
