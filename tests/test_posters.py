"""The posters: text in every PDF, page sizes, the overflow check, reproducibility, contrast.

The posters are built once per session into a temporary directory (content/poster.yaml,
never /work/shared). Needs poppler-utils (pdftotext, pdffonts, pdfimages).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from pypdf import PdfReader

from kennisbank import posters
from kennisbank.models import LANGS
from kennisbank.palette import AA_NORMAL, contrast
from kennisbank.poster_model import Poster
from kennisbank.posters import SIZES, build_posters, layout_poster
from kennisbank.textlayout import TextOverflowError, fit_text, text_width, typeset, wrap
from kennisbank.yamlsource import load

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://posters.example/kb/"  # not the default: the setting must reach the QR codes
SIZE_NAMES = tuple(SIZES)
MM_PER_PT = 25.4 / 72
CASES = [(lang, size) for lang in LANGS for size in SIZE_NAMES]

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture(scope="session")
def poster() -> Poster:
    return Poster.model_validate(load(ROOT / "content" / "poster.yaml").data)


@pytest.fixture(scope="session")
def poster_files(poster, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("posters")
    paths = build_posters(poster, out, SITE_URL)
    expected = {f"poster-{lang}-{size}.{ext}" for lang in LANGS for size in SIZE_NAMES for ext in ("svg", "pdf")}
    expected |= {f"poster-{lang}-preview.png" for lang in LANGS}
    assert {p.name for p in paths} == expected
    assert all(p.parent == out and p.is_file() for p in paths)
    return out


def _normalise(text: str) -> str:
    """Whitespace (incl. no-break) collapsed; a line break after '-' or '/' joins the parts."""
    text = re.sub(r"[\s\u00a0]+", " ", text)
    return re.sub(r"([-/]) ", r"\1", text).strip()


# -- text extraction ------------------------------------------------------------------------


@pytest.mark.parametrize("lang,size", CASES)
def test_pdf_text_contains_every_block(poster_files, poster, lang, size):
    """pdftotext finds every sentence of every block: the PDF holds real text."""
    pdf = poster_files / f"poster-{lang}-{size}.pdf"
    extracted = _normalise(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                          capture_output=True, text=True, check=True).stdout)
    blocks = poster.blocks(lang)
    assert set(blocks) >= {"title", "prevention", "early-intervention", "treatment", "harm-reduction", "quick-wins",
                           "professional-secrecy", "transfer-or-time-out", "conversation-openers", "basic-training",
                           "infomed-infosoc", "footer"}
    missing = [(block, text) for block, texts in blocks.items() for text in texts
               if _normalise(typeset(text, lang)) not in extracted]
    assert not missing, f"not found in {pdf.name}: {missing}"
    for label in (poster.labels.warnings, poster.labels.tips, poster.labels.more):
        assert extracted.count(_normalise(typeset(label[lang], lang))) >= 4


# -- page sizes -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang,size", CASES)
def test_page_size_in_millimetres(poster_files, lang, size):
    page = SIZES[size]
    expected = (page.width_mm, page.height_mm)
    reader = PdfReader(poster_files / f"poster-{lang}-{size}.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width) * MM_PER_PT, float(box.height) * MM_PER_PT) == pytest.approx(expected, abs=0.3)
    root = ET.parse(poster_files / f"poster-{lang}-{size}.svg").getroot()
    assert (root.get("width"), root.get("height")) == (f"{page.width_mm:g}mm", f"{page.height_mm:g}mm")
    assert root.get("viewBox") == "0 0 297 420"  # one drawing, A3 millimetres, printed at each size


# -- overflow -------------------------------------------------------------------------------


def _inside(run, box, slack=0.05) -> bool:
    x, y, w, h = box
    right = run.x + text_width(run.text, run.size, run.bold)
    return x - slack <= run.x and right <= x + w + slack and y - slack <= run.y <= y + h + slack


def _first_rect(group):
    for item in group.items:
        if isinstance(item, dict) and item["kind"] == "rect":
            return tuple(float(item[k]) for k in ("x", "y", "w", "h"))
    return None


def _check_group(group, outer, problems):
    box = _first_rect(group) or outer
    own = [run for run in group.runs if run.block == group.id]
    problems += [f"{group.id}: {run.text!r} leaves its box" for run in own if not _inside(run, box)]
    for item in group.items:
        if not isinstance(item, dict):
            _check_group(item, box, problems)


@pytest.mark.parametrize("lang,size", CASES)
def test_layout_fits_every_language_and_size(poster, lang, size):
    """Every text is set within its box at a scale no smaller than the page size allows."""
    scene = layout_poster(poster, lang, size, SITE_URL)
    assert SIZES[size].floor <= scene.scale <= 1.0
    page = (posters.MARGIN, posters.MARGIN, posters.DESIGN_W - 2 * posters.MARGIN, posters.DESIGN_H - 2 * posters.MARGIN)
    problems: list[str] = []
    for group in scene.groups:
        _check_group(group, page, problems)
        problems += [f"{group.id}: {run.text!r} leaves the page" for run in group.runs if not _inside(run, page)]
    assert not problems
    drawn = " ".join(run.text for run in scene.runs)
    for word in typeset(poster.title[lang], lang).split():
        assert word in drawn


@pytest.mark.parametrize("size", SIZE_NAMES)
@pytest.mark.parametrize("lang", LANGS)
def test_overflow_fails_naming_block_language_and_size(poster, lang, size):
    """A text that cannot fit even at the smallest allowed size stops the build, saying where."""
    data = poster.model_dump(by_alias=True)
    tips = data["pillars"][2]["tips"]
    tips.append({k: (v * 12 if isinstance(v, str) else v) for k, v in tips[0].items()})
    too_long = Poster.model_validate(data)
    with pytest.raises(TextOverflowError) as info:
        layout_poster(too_long, lang, size, SITE_URL)
    message = str(info.value)
    assert info.value.block == "treatment" and "'treatment'" in message
    assert info.value.lang == lang and f"language {lang}" in message
    assert info.value.size == size and f"size {size}" in message


def test_overflow_of_a_single_word(poster):
    data = poster.model_dump(by_alias=True)
    data["panels"][0]["paragraphs"][0]["fr"] = "Hôpital" + "psychiatrique" * 8
    with pytest.raises(TextOverflowError) as info:
        layout_poster(Poster.model_validate(data), "fr", "a3", SITE_URL)
    assert (info.value.block, info.value.lang, info.value.size) == ("quick-wins", "fr", "a3")


def test_wrapping_uses_the_font_metrics_and_shrinks_within_limits():
    text = "Drughulpverlening kan ambulant, of met een residentiële opname in een ziekenhuis (PAAZ)."
    for width in (40.0, 60.0, 90.0):
        lines = wrap(text, width, 4.0)
        assert " ".join(lines) == text
        assert all(text_width(line, 4.0) <= width for line in lines)
    par = fit_text(text, 60.0, 12.0, 4.0, 3.0, block="treatment", lang="nl", page="a3")
    assert 3.0 <= par.size < 4.0 and par.height <= 12.0
    with pytest.raises(TextOverflowError, match=r"'treatment', language nl, size a3"):
        fit_text(text, 60.0, 6.0, 4.0, 3.5, block="treatment", lang="nl", page="a3")


# -- reproducibility ------------------------------------------------------------------------


def test_rebuild_is_byte_identical(poster_files, poster, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    monkeypatch.setenv("TZ", "Pacific/Chatham")
    again = build_posters(poster, tmp_path, SITE_URL)
    assert again
    for path in again:
        assert path.read_bytes() == (poster_files / path.name).read_bytes(), f"{path.name} differs between builds"
    meta = PdfReader(poster_files / "poster-nl-a3.pdf").metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:" + re.sub(r"\D", "", posters.PDF_DATE)[:14] + "Z"


# -- contrast -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang,size", CASES)
def test_text_contrast_is_wcag_aa(poster, lang, size):
    """Each text's colour against its background, computed from the palette: at least 4.5:1."""
    scene = layout_poster(poster, lang, size, SITE_URL)
    pairs = {(run.fg, run.bg) for run in scene.runs}
    assert len(pairs) >= 8  # body, pillar titles, labels, panels, badge, header, captions ...
    low = {pair: round(contrast(*pair), 2) for pair in pairs if contrast(*pair) < AA_NORMAL}
    assert not low, f"below {AA_NORMAL}:1: {low}"


def test_contrast_maths():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# -- print-ready files ----------------------------------------------------------------------


@pytest.mark.parametrize("lang,size", CASES)
def test_pdf_is_print_ready(poster_files, lang, size):
    """Vector, fonts embedded (only Atkinson Hyperlegible), no raster image, at most 1 MB."""
    pdf = poster_files / f"poster-{lang}-{size}.pdf"
    assert pdf.stat().st_size <= 1024 * 1024
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert len(fonts) == 2
    for line in fonts:
        assert "AtkinsonHyperlegible-" in line.split()[0]
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # header lines only


@pytest.mark.parametrize("lang,size", CASES)
def test_svg_is_self_contained(poster_files, lang, size):
    svg = (poster_files / f"poster-{lang}-{size}.svg").read_text(encoding="utf-8")
    for forbidden in ("@font-face", "var(", "textLength", "foreignObject", "<style", "<script"):
        assert forbidden not in svg
    assert set(re.findall(r'font-family="([^"]*)"', svg)) == {"Atkinson Hyperlegible"}
    assert all(href.startswith("data:") for href in re.findall(r'href="([^"]*)"', svg))
    root = ET.fromstring(svg)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_qr_codes_are_vector_and_point_to_the_right_pages(poster_files, poster, lang):
    """Each "Meer weten?" link is a vector QR code (the code segno makes for its URL) with its address."""
    svg = ET.parse(poster_files / f"poster-{lang}-a3.svg").getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    groups = {g.get("id"): g for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("id")}
    drawn = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    for pillar in poster.pillars:
        for link in pillar.more:
            url, short = posters.link_target(link, lang, SITE_URL)
            if link.page:
                assert url.startswith(SITE_URL) and url.endswith(".html")
                assert url == SITE_URL + ("" if lang == "nl" else f"{lang}/") + f"{link.page}.html"
            gid = f"{pillar.id}-more-{link.page or 'external'}".replace("/", "-")
            group = groups[gid]
            assert group.find("s:title", ns).text == url
            path = group.find("s:g/s:path", ns).get("d")
            assert _modules(path) == _modules_of(url)
            assert _normalise(short).replace(" ", "") in drawn.replace(" ", "").replace("\u00a0", "")


def _modules(d: str) -> set[tuple[int, int]]:
    dark = set()
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", d):
        dark |= {(int(x) + i, int(y)) for i in range(int(w))}
    return dark


def _modules_of(url: str) -> set[tuple[int, int]]:
    code = segno.make(url, error="m", micro=False)
    return {(x, y) for y, row in enumerate(code.matrix_iter(border=0)) for x, v in enumerate(row) if v}
