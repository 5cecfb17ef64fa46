"""Printing, through Chromium's page.pdf: a selection with its description, date, public link, QR code and page
numbers; whole cards; the comparison table with every column; the whole glossary."""

import datetime
import re
import subprocess

import pytest
import segno

from helpers import prefix
from kennisbank.settings import SITE_URL

SELECTION = "actor=regions&topic=language-interpreters"


def pdf_pages(page, tmp_path, **options) -> list[str]:
    """The text of each printed page (pdftotext, layout kept)."""
    path = tmp_path / "print.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True, **options))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [p for p in text.split("\f") if p.strip()]


def squash(text: str) -> str:
    for a, b in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"')):
        text = text.replace(a, b)
    return " ".join(text.split())


def pdf_words(page, tmp_path) -> list[tuple[float, float, float, str]]:
    """Each printed word with its page's width and its right edge (pdftotext -bbox)."""
    path = tmp_path / "words.pdf"
    path.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for page_match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        width, height = float(page_match.group(1)), float(page_match.group(2))
        for w in re.finditer(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page_match.group(3)):
            words.append((width, height, float(w.group(1)), w.group(2)))
    return words


MONTHS = {"nl": "januari februari maart april mei juni juli augustus september oktober november december",
          "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"}


def expected(content, **facets) -> list:
    fields = {"actor": "actors", "topic": "topics"}
    return [r for r in content.recommendations if all(set(v) & set(getattr(r, fields[k])) for k, v in facets.items())]


@pytest.mark.parametrize("lang, words", [("nl", ("Selectie", "Afgedrukt op")), ("fr", ("Sélection", "Imprimé le"))])
def test_printed_selection_starts_with_words_date_link_and_qr(page, base, tmp_path, content, lang, words):
    labels = content.labels(lang)
    words = words + (labels["actor"]["regions"], labels["topic"]["language-interpreters"])
    page.goto(f"{base}{prefix(lang)}recommendations.html#{SELECTION}")
    page.wait_for_selector("#kb-print-qr svg", state="attached")
    link = f"{(base if base.startswith('http') else SITE_URL)}{prefix(lang)}recommendations.html#{SELECTION}"
    assert page.text_content("#kb-print-link") == link
    assert page.get_attribute("#kb-print-qr", "data-url") == link
    pages = pdf_pages(page, tmp_path)
    first = squash(pages[0])
    for word in words:
        assert word in first, word
    assert squash(link) in first.replace(" ", "") or link in first.replace(" ", ""), first[:600]
    date = page.text_content("#kb-print-date")
    today = datetime.date.today()
    month = MONTHS[lang].split()[today.month - 1]
    assert date == f"{today.day} {month} {today.year}"  # as the language writes it: "1 décembre 2026"
    assert date in first
    # the QR code is printed, at a size a phone reads
    page.emulate_media(media="print")
    box = page.locator("#kb-print-qr svg").bounding_box()
    assert box and box["width"] > 90
    # page numbers on every page
    for n, text in enumerate(pages, start=1):
        assert re.search(rf"(?<!\d){n}\s*/\s*{len(pages)}(?!\d)", text), (n, text[-200:])


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_printed_cards_are_whole_and_without_id_noise(page, http_url, tmp_path, content, lang):
    page.goto(f"{http_url}{prefix(lang)}recommendations.html#source=matremi")
    page.wait_for_selector("#kb-print-qr svg", state="attached")
    pages = [squash(p) for p in pdf_pages(page, tmp_path)]
    assert len(pages) > 5
    assert not any("(#" in p for p in pages)
    word = {"nl": "punt", "fr": "point"}[lang]
    split, missing = [], []
    for rec in [r for r in content.recommendations if r.source == "matremi"]:
        start = squash(rec.text[lang])[:40]
        point = rec.cite.point or rec.number
        cite = [i for i, p in enumerate(pages) if re.search(rf"{word} {re.escape(point)}(?![\d.])", p)]
        if len(cite) != 1 or not any(start in p for p in pages):
            missing.append(rec.id)
        elif start not in pages[cite[0]]:  # the card's first words are not on the page of its last line
            split.append(rec.id)
    assert missing == []
    assert split == []


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_comparison_table_prints_every_column(page, base, tmp_path, content, lang):
    page.goto(f"{base}{prefix(lang)}help/index.html")
    headers = page.eval_on_selector_all(".kb-compare thead th", "els => els.map(e => e.textContent.trim())")
    assert len(headers) == 9
    text = squash(" ".join(pdf_pages(page, tmp_path)))
    for header in headers:
        assert squash(header) in text.replace("- ", ""), header
    # printed transposed: each kind with every attribute under its column's name, every word within its page
    for header in headers[1:]:
        assert text.count(squash(header)) >= len(content.guide.kinds), header
    words = pdf_words(page, tmp_path)
    assert words and all(right <= width for width, _, right, _ in words)
    for kind in content.guide.kinds:
        assert squash(kind.name[lang]) in text


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_glossary_prints_whole(page, base, tmp_path, content, lang):
    page.goto(f"{base}{prefix(lang)}glossary.html")
    text = squash(" ".join(pdf_pages(page, tmp_path)))
    for term in content.glossary.terms:
        name = (term.abbr or term.expansion)[lang]
        assert squash(name) in text, name
        assert squash(term.definition[lang])[-30:] in text, term.id


@pytest.mark.parametrize("version", [1, 2, 5, 7, 10, 14, 20, 27, 40])
def test_qr_encoder_matches_a_reference_encoder(page, http_url, version):
    """The page's QR encoder against segno, with data that fills the symbol exactly (so that no padding choice differs)."""
    page.goto(f"{http_url}recommendations.html")
    page.wait_for_function("() => window.kbQR", timeout=5000)
    capacity = page.evaluate("(v) => { for (let n = 1; ; n++) { try { kbQR.matrix('x'.repeat(n), v, 0); } catch (e) { return n - 1; } } }", version)
    text = (SITE_URL + "recommendations.html#q=" + "abcdefghij" * 400)[:capacity]
    for mask in (0, 3, 6):
        ours = page.evaluate("([t, v, m]) => kbQR.matrix(t, v, m).map(r => r.map(b => b ? 1 : 0).join(''))", [text, version, mask])
        ref = segno.make(text, error="m", mode="byte", version=version, mask=mask, boost_error=False, micro=False)
        assert ours == ["".join("1" if b else "0" for b in row) for row in ref.matrix], (version, mask)
