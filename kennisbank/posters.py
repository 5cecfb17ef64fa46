"""Print-ready posters of the DRUGINT infographic "Druggebruik?": SVG and PDF per language and size.

    build_posters(poster, out_dir, site_url) -> [paths]

writes, for lang in nl fr en: poster-<lang>-a3 and -a2 (.svg, one-page .pdf), the two-sided
A4 poster-<lang>-a4.pdf (front: the title and the four pillars; back: the side panels and the
footer; its SVGs are poster-<lang>-a4-front.svg and -a4-back.svg), and poster-<lang>-preview.png
(the A3 version, 1000 px wide).

Layout. Drawn in millimetres of an A3 sheet (the SVG viewBox is always 297 x 420); a sheet
is that drawing printed at its size (all ISO A sizes share the aspect ratio): A2 prints the
A3 drawing larger, the A4 sides are their own drawings. Text is set with the real metrics of
the shipped font (kennisbank.textlayout). All body text on a side shares one scale: the
largest scale (at most the side's ceiling) at which every block fits. The smallest allowed
scale follows from the sheet's minimum printed sizes (body text; any text); if a block does
not fit even then, the build fails with TextOverflowError naming block, language and size.
Every QR code is printed at least QR_MIN_MM wide with a quiet zone of QUIET_MODULES modules.

The full sheet, top to bottom: the title band (title + the "Basistraining Drugs" call-out
with its QR code), the four pillars as columns (widths balanced so their heights match;
"Meer weten?" QR codes at the foot of each), the side panels in three columns, and a footer
with the site's QR code.

Rendering. SVG -> PDF and PNG with cairosvg in a subprocess whose fontconfig knows only
Atkinson Hyperlegible (kennisbank.fonts.write_fontconfig), so the output does not depend on
the machine's fonts. The PDF's dates are fixed (PDF_DATE) and rebuilds are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import itertools
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno

from . import settings
from .fonts import FAMILY, write_fontconfig
from .models import LANGS
from .poster_model import Link, Pillar, Poster, SectionLink
from .scene import Group, Scene, render
from .textlayout import Paragraph, TextOverflowError, font, set_text, text_width, typeset

# ------------------------------------------------------------------------------------------
# Page sizes and limits

DESIGN_W, DESIGN_H = 297.0, 420.0  # the layout's user units: millimetres on A3
PT = 25.4 / 72  # one point in millimetres

# Design sizes in points at scale 1 on A3.
BODY_PT = 13.0
DEF_PT = 13.0
LABEL_PT = 12.5
PANEL_TITLE_PT = 14.5
QUESTION_PT = 14.5
CAPTION_PT = 11.0
ADDRESS_PT = 10.0
CREDIT_PT = 10.0
SMALLEST_PT = min(CAPTION_PT, ADDRESS_PT, CREDIT_PT)
PILLAR_TITLE_PT = (22.0, 15.0)  # largest, smallest
TITLE_PT = (84.0, 34.0)
BADGE_PT = (16.0, 12.5)
GLOBAL_FLOOR = 0.8  # never below 80 % of the design size

QR_SIZE = 16.5  # design mm, at least
QR_MIN_MM = 15.5  # printed width of every QR code, at least
QUIET_MODULES = 4  # white margin around every code, in modules
QUIET_EXTRA = 0.8  # design mm of white beyond the quiet zone


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float
    min_body_pt: float  # smallest printed size of body text on this sheet
    min_text_pt: float  # smallest printed size of any text (addresses under the QR codes ...)
    sides: tuple[str, ...] = ("full",)  # "full" one-sided; "front" + "back" two-sided
    ceilings: tuple[float, ...] = (1.0,)  # largest text scale of each side

    @property
    def factor(self) -> float:
        """Printed size / design size."""
        return self.width_mm / DESIGN_W

    @property
    def floor(self) -> float:
        """Smallest allowed text scale on this sheet."""
        return round(max(GLOBAL_FLOOR,
                         self.min_body_pt / (BODY_PT * self.factor),
                         self.min_text_pt / (SMALLEST_PT * self.factor)), 3)

    @property
    def min_text_design_pt(self) -> float:
        """The smallest allowed size of a fixed-size text (titles, call-out), in design points."""
        return self.min_text_pt / self.factor

    @property
    def qr(self) -> float:
        """Width of a QR code in design mm."""
        return round(max(QR_SIZE, QR_MIN_MM / self.factor), 2)

    def svg_name(self, lang: str, side: str) -> str:
        return f"poster-{lang}-{self.name}" + ("" if side == "full" else f"-{side}") + ".svg"


# min sizes carry a small margin over the limits (9.5 pt / 7 pt on A4, 12 pt on A3 and A2)
SIZES: dict[str, PageSize] = {
    "a4": PageSize("a4", 210.0, 297.0, min_body_pt=9.6, min_text_pt=7.1, sides=("front", "back"),
                   ceilings=(1.3, 1.9)),
    "a3": PageSize("a3", 297.0, 420.0, min_body_pt=12.05, min_text_pt=8.0),
    "a2": PageSize("a2", 420.0, 594.0, min_body_pt=12.05, min_text_pt=8.0),
}
PREVIEW_SIZE = "a3"
PREVIEW_WIDTH_PX = 1000
PDF_DATE = "2025-01-01T00:00:00Z"  # fixed /CreationDate and /ModDate: rebuilds are byte-identical

# Geometry (design mm).
MARGIN = 7.0
GAP = 4.0
HEADER_H = 30.0
CARD_PAD = 3.1
PANEL_PAD = 4.0
CONTENT_W = DESIGN_W - 2 * MARGIN
CARD_MIN, CARD_MAX = 0.7, 1.4  # a pillar column's width, relative to the mean
BACK_STRETCH = 1.12  # the back's panels: at most this much taller than they need
TITLE_FIT = 0.85  # the pillar titles' size: each fits this part of the mean width in two lines


def pt(points: float) -> float:
    return points * PT


# ------------------------------------------------------------------------------------------
# QR codes


@lru_cache(maxsize=None)
def qr_path(url: str) -> tuple[str, int]:
    """Path data of a QR code in module units (dark modules as merged horizontal runs)."""
    code = segno.make(url, error="m", micro=False)
    rows = [list(row) for row in code.matrix_iter(border=0)]
    parts = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return "".join(parts), len(rows)


def link_target(link: Link, lang: str, site_url: str) -> tuple[str, str]:
    """(url in the code, short address printed with it)."""
    if link.url is not None:
        return link.url, link.short or link.url
    url = page_url(lang, link.page, site_url)
    return url, short_address(url)


def page_url(lang: str, page: str, site_url: str, anchor: str | None = None) -> str:
    url = settings.page_url(lang, page)
    if site_url and url.startswith(settings.SITE_URL) and site_url != settings.SITE_URL:
        url = site_url.rstrip("/") + "/" + url[len(settings.SITE_URL):].lstrip("/")
    return url + (f"#{anchor}" if anchor else "")


def section_target(link: SectionLink, lang: str, site_url: str) -> tuple[str, str]:
    """(url in the code, short address printed with it) of a panel's section link."""
    url = page_url(lang, link.page, site_url, link.anchor)
    return url, short_address(url)


def quiet_zone(url: str, size: float) -> float:
    """The white margin kept around the code of `url` drawn `size` wide: the quiet zone of
    QUIET_MODULES modules, and QUIET_EXTRA more so that a tile's rounded corners stay outside it."""
    return QUIET_MODULES * size / qr_path(url)[1] + QUIET_EXTRA


def short_address(url: str) -> str:
    """The address as printed: no scheme, no 'www.', no trailing 'index.html'."""
    address = re.sub(r"^https?://(www\.)?", "", url)
    address = re.sub(r"(?<=/)index\.html$", "", address)
    return address.rstrip("/") if address.count("/") == 1 else address


# ------------------------------------------------------------------------------------------
# Layout


class _Misfit(Exception):
    """Internal: the layout does not fit at this scale (block, reason)."""

    def __init__(self, block: str, reason: str):
        self.block, self.reason = block, reason
        super().__init__(f"{block}: {reason}")


def _set(text: str, width: float, size: float, block: str, *, bold=False, leading=1.24, breaks="-/",
         widow: bool = True) -> Paragraph:
    """Set a text in its box (_Misfit if a word is too wide); widow=False only measures (same height)."""
    par = set_text(text, width, size, bold=bold, leading=leading, breaks=breaks)
    if par is None:
        raise _Misfit(block, f"a word in {text[:50]!r} is wider than its box ({width:.1f} mm)")
    return _without_widow(par, text, width, breaks) if widow else par


def _without_widow(par: Paragraph, text: str, width: float, breaks: str) -> Paragraph:
    """The same paragraph in as many lines, but set a little narrower so that its last line is
    not a single word alone (if that is possible within 82 % of the width)."""
    if len(par.lines) < 2 or " " in par.lines[-1]:
        return par
    narrower = width
    while narrower > width * 0.82:
        narrower -= width * 0.02
        other = set_text(text, narrower, par.size, bold=par.bold, leading=par.leading, breaks=breaks)
        if other is None or len(other.lines) != len(par.lines):
            return par
        if " " in other.lines[-1]:
            return other
    return par


def _balanced(par: Paragraph, text: str, width: float, breaks: str = "") -> Paragraph:
    """A display text's lines made as even as they can be in the same number of lines."""
    if len(par.lines) < 2:
        return par
    best, narrower = par, width
    while narrower > width * 0.5:
        narrower -= width * 0.02
        other = set_text(text, narrower, par.size, bold=par.bold, leading=par.leading, breaks=breaks)
        if other is None or len(other.lines) != len(par.lines):
            break
        best = other
    return best


def _address(short: str, width: float, size: float, block: str | None, *, leading: float = 1.14,
             strict: bool = False) -> Paragraph | None:
    """A printed address: cut after '/'; if a part is still too wide, also before '#'; then (unless
    strict) after '.' or '-'.

    None if it does not fit and block is None; _Misfit naming the block otherwise."""
    cut = short.replace("#", "\n#")
    for text, breaks in ((short, "/"), (cut, "/"), (cut, "/.-"))[:2 if strict else 3]:
        par = set_text(text, width, size, leading=leading, breaks=breaks)
        if par is not None:
            return par
    if block is None:
        return None
    raise _Misfit(block, f"the address {short!r} does not fit {width:.1f} mm")


def _fit_line(text: str, width: float, height: float, sizes: tuple[float, float], block: str, *, bold=True,
              max_lines=2, leading=1.05) -> Paragraph:
    """Largest size in [smallest, largest] (points) at which the text fits the box in <= max_lines."""
    largest, smallest = sizes
    size = largest
    while size >= smallest - 1e-9:
        par = set_text(text, width, pt(size), bold=bold, leading=leading, breaks="")
        if par is not None and len(par.lines) <= max_lines and par.height <= height:
            return _balanced(par, text, width)
        size -= 0.5
    raise _Misfit(block, f"{text!r} does not fit {width:.1f} x {height:.1f} mm even at {smallest} pt")


class Layout:
    """One side of the poster for one language at one text scale (raises _Misfit if something overflows)."""

    def __init__(self, poster: Poster, lang: str, scale: float, site_url: str, page: PageSize = SIZES["a3"],
                 side: str = "full"):
        self.poster, self.lang, self.s, self.site_url = poster, lang, scale, site_url
        self.page, self.side = page, side
        self.body = pt(BODY_PT) * scale
        self.leading = 1.18
        self.qr = page.qr

    def t(self, text) -> str:
        return typeset(text[self.lang], self.lang)

    def sizes(self, sizes: tuple[float, float]) -> tuple[float, float]:
        """A fixed-size text's (largest, smallest) design points, the smallest raised to the sheet's minimum."""
        largest, smallest = sizes
        return largest, max(smallest, self.page.min_text_design_pt)

    def quiet(self, url: str) -> float:
        return quiet_zone(url, self.qr)

    # -- the page ------------------------------------------------------------------------------
    def build(self, scene: Scene) -> None:
        top = MARGIN
        if self.side in ("full", "front"):
            scene.add(self.header())
            top = MARGIN + self.header_h() + GAP
        if self.side == "front":
            for group in self.pillars(top, DESIGN_H - MARGIN - top):
                scene.add(group)
            return
        if self.side == "back":
            # the title again, the side panels in two columns (at most BACK_STRETCH taller than they
            # need, the rest of the room above the footer), the footer at the foot of the page
            band_h = self.back_header(scene)
            top = MARGIN + band_h + GAP
            footer_url = page_url(self.lang, self.poster.footer.page, self.site_url)
            footer_top = DESIGN_H - MARGIN - self.qr
            room = footer_top - max(GAP, self.quiet(footer_url) + 1.0) - top
            panels = _Band(self, _Band.BACK)
            if panels.height > room:
                raise _Misfit(panels.tallest(), f"the side panels need {panels.height:.1f} mm, the page has {room:.1f}")
            panels.height = min(room, panels.height * BACK_STRETCH)
            for group in panels.draw(top + (room - panels.height) / 2):
                scene.add(group)
            scene.add(self.footer(footer_top))
            return
        # the full sheet: the footer is a block of the panels' band, which is arranged to be as low as it can
        panels = _Band(self)
        band_top = DESIGN_H - MARGIN - panels.height
        for group in self.pillars(top, band_top - GAP - top):
            scene.add(group)
        for group in panels.draw(band_top):
            scene.add(group)

    # -- header ---------------------------------------------------------------------------------
    BADGE_INSET = 3.5  # badge inside the title band
    TILE_INSET = 1.8  # QR tile inside the badge

    def _training(self) -> tuple[str, str, float]:
        link = self.poster.panel("basic-training").more
        if link is None:
            return "", "", 0.0
        url, short = section_target(link, self.lang, self.site_url)
        return url, short, self.qr + 2 * self.quiet(url)

    def header_h(self) -> float:
        tile = self._training()[2]
        return round(max(HEADER_H, tile + 2 * (self.BADGE_INSET + self.TILE_INSET)), 2)

    def header(self) -> Group:
        x, y, w, h = MARGIN, MARGIN, CONTENT_W, self.header_h()
        url, short, tile = self._training()
        # the width of the call-out's text: the one at which title and call-out are largest together
        best, misfit = None, None
        for text_w in range(56, 121, 4):
            try:
                option = self._header_texts(float(text_w), h, url, short, tile)
            except _Misfit as exc:
                misfit = misfit or exc
                continue
            score = option[1].size / TITLE_PT[0] + option[2].size / BADGE_PT[0]
            if best is None or score > best[0] + 1e-9:
                best = (score, option)
        if best is None:
            raise misfit
        text_w, title, par, addr = best[1]
        pad = 4.0
        g = Group("title", self.t(self.poster.title))
        g.rect(x, y, w, h, "header", rx=3)
        bh = h - 2 * self.BADGE_INSET
        badge_w = pad + text_w + (3.0 + tile + self.TILE_INSET if tile else pad)
        bx, by = x + w - self.BADGE_INSET - badge_w, y + self.BADGE_INSET
        b = Group("basic-training", self.t(self.poster.panel("basic-training").title))
        b.rect(bx, by, badge_w, bh, "badge", rx=4)
        addr_h = addr.height + 1.4 if addr else 0.0
        ty = by + (bh - par.height - addr_h) / 2
        cy = b.paragraph(par, bx + pad, ty, "ink", "badge", anchor="middle", width=text_w)
        if url:
            b.paragraph(addr, bx + pad, cy + 1.4, "ink", "badge", anchor="middle", width=text_w)
            tx, ty = bx + badge_w - self.TILE_INSET - tile, by + (bh - tile) / 2
            tg = Group("basic-training-more", url)
            tg.rect(tx, ty, tile, tile, "paper", rx=1.2)
            data, modules = qr_path(url)
            q = self.quiet(url)
            tg.qr(tx + q, ty + q, self.qr, modules, data, "ink")
            b.group(tg)
        f = font(True)
        # centre the capitals vertically in the band
        cap = f.cap_height * title.size
        block_h = cap + (len(title.lines) - 1) * title.pitch
        first_baseline = y + (h - block_h) / 2 + cap
        for i, line in enumerate(title.lines):
            g.line(x + pad + 1, first_baseline + i * title.pitch, line, title.size, "on-dark", "header", bold=True)
        g.group(b)
        return g

    def back_header(self, scene: Scene) -> float:
        """The back's title band: the poster's title; returns its height."""
        h = 24.0
        g = Group("title-back", self.t(self.poster.title))
        g.rect(MARGIN, MARGIN, CONTENT_W, h, "header", rx=3)
        title = _fit_line(self.t(self.poster.title), CONTENT_W - 12, h - 7, self.sizes((44.0, 24.0)), "title",
                          max_lines=1, leading=1.0)
        cap = font(True).cap_height * title.size
        g.line(MARGIN + 6, MARGIN + (h + cap) / 2, title.lines[0], title.size, "on-dark", "header", bold=True)
        scene.add(g)
        return h

    def _header_texts(self, text_w: float, h: float, url: str, short: str, tile: float):
        """(text width, title, call-out text, call-out address) with the call-out's text `text_w` wide."""
        pad = 4.0
        bh = h - 2 * self.BADGE_INSET
        badge_w = pad + text_w + (3.0 + tile + self.TILE_INSET if tile else pad)
        addr = None
        if url:
            addr = _address(short, text_w, pt(ADDRESS_PT) * self.s, "basic-training", leading=1.12)
        addr_h = addr.height + 1.4 if addr else 0.0
        training = self.poster.panel("basic-training")
        par = _fit_line(self.t(training.title), text_w, bh - 3 - addr_h, self.sizes(BADGE_PT), "basic-training",
                        max_lines=3, leading=1.12)
        title_w = CONTENT_W - badge_w - self.BADGE_INSET - 3 * pad
        title = _fit_line(self.t(self.poster.title), title_w, h - 7, self.sizes(TITLE_PT), "title", max_lines=2,
                          leading=1.0)
        return text_w, title, par, addr

    # -- pillars --------------------------------------------------------------------------------
    def pillars(self, top: float, height: float) -> list[Group]:
        pillars = self.poster.pillars
        n = len(pillars)
        mean = (CONTENT_W - (n - 1) * GAP) / n
        lo, hi = mean * CARD_MIN, mean * CARD_MAX
        title_size = self._pillar_title_size(mean * TITLE_FIT)
        titles = {p.id: _set(self.t(p.title), mean * TITLE_FIT - 2 * CARD_PAD, title_size, p.id, bold=True, leading=1.05, breaks="")
                  for p in pillars}
        title_h = max(len(par.lines) for par in titles.values()) * title_size * 1.05 + 2 * 3.4
        # each column is at least as wide as its title needs (in the lines it takes at the mean width)
        grid = [lo + 1.0 * i for i in range(int(hi - lo) + 1)]
        needs = {}
        for p in pillars:
            # from the widest down, until the column no longer fits the height (narrower needs more)
            title_w = titles[p.id].width + 2 * CARD_PAD
            needs[p.id] = [float("inf")] * len(grid)
            for i in range(len(grid) - 1, -1, -1):
                if grid[i] < title_w - 1e-6:
                    break
                needs[p.id][i] = self._card_need(p, grid[i], title_size, title_h)
                if needs[p.id][i] > height:
                    break
        total = CONTENT_W - (n - 1) * GAP
        widths = None
        for p in pillars:
            if min(needs[p.id]) == float("inf"):  # not even at the widest: say why (a word too wide ...)
                self._card_sections(p, hi - 2 * CARD_PAD)
                self._qr_zone(p, hi - 2 * CARD_PAD)
                raise _Misfit(p.id, f"the title does not fit a column of at most {hi:.1f} mm")
        if any(min(needs[p.id]) > height for p in pillars):
            worst = max(pillars, key=lambda p: min(needs[p.id]))
            raise _Misfit(worst.id, f"needs {min(needs[worst.id]):.1f} mm of height even at its widest "
                                    f"({hi:.1f} mm); {height:.1f} mm available")
        # smallest common height H for which the minimal widths add up to the total width
        candidates = sorted({h for p in pillars for h in needs[p.id] if h <= height})
        for H in candidates:
            chosen = []
            for p in pillars:
                w = next((w for w, need in zip(grid, needs[p.id]) if need <= H), None)
                if w is None:
                    break
                chosen.append(w)
            else:
                if sum(chosen) <= total + 1e-6:
                    widths = chosen
                    break
        if widths is None:
            worst = max(pillars, key=lambda p: needs[p.id][len(grid) // 2])
            raise _Misfit(worst.id, f"the four pillars do not fit side by side in {height:.1f} mm of height")
        # share the remaining width out evenly, within the limits
        spare = total - sum(widths)
        for _ in range(100):
            if spare <= 1e-6:
                break
            open_ = [i for i, w in enumerate(widths) if w < hi - 1e-6]
            if not open_:
                break
            share = spare / len(open_)
            for i in open_:
                add = min(share, hi - widths[i])
                widths[i] += add
                spare -= add
        groups, x = [], MARGIN
        for p, w in zip(pillars, widths):
            groups.append(self._card(p, x, top, w, height, title_size, title_h))
            x += w + GAP
        return groups

    def _pillar_title_size(self, width: float) -> float:
        """The pillar titles' common size: the largest at which each fits `width` in at most two lines."""
        largest, smallest = PILLAR_TITLE_PT
        size = largest
        while size >= smallest:
            pars = [set_text(self.t(p.title), width - 2 * CARD_PAD, pt(size), bold=True, breaks="") for p in self.poster.pillars]
            if all(par is not None and len(par.lines) <= 2 for par in pars):
                return pt(size)
            size -= 0.5
        worst = next(p for p, par in zip(self.poster.pillars, pars) if par is None or len(par.lines) > 2)
        raise _Misfit(worst.id, f"the title does not fit {width:.1f} mm in two lines at {smallest} pt")

    def _card_sections(self, p: Pillar, inner: float, widow: bool = True) -> list[tuple[str, object]]:
        """The flow of a pillar column below its title, as (kind, paragraph) items."""
        s = self.s
        items: list[tuple[str, object]] = [("def", _set(self.t(p.definition), inner, pt(DEF_PT) * s, p.id, bold=True, leading=1.18, widow=widow))]
        bullet_w = inner - self._indent()
        items.append(("gap", 2.6 * s))
        for text in p.points:
            items.append(("bullet", _set(self.t(text), bullet_w, self.body, p.id, leading=self.leading, widow=widow)))
        for key, texts in (("warnings", p.warnings), ("tips", p.tips)):
            items.append(("gap", 2.4 * s))
            items.append(("label", (key, _set(self.t(getattr(self.poster.labels, key)), inner - 6.5 * s, pt(LABEL_PT) * s, p.id, bold=True, widow=widow))))
            for text in texts:
                items.append(("bullet", _set(self.t(text), bullet_w, self.body, p.id, leading=self.leading, widow=widow)))
        return items

    def _indent(self) -> float:
        return 3.3 * self.s

    def _item_height(self, kind: str, item) -> float:
        if kind == "gap":
            return item
        if kind == "def":
            return item.height
        if kind == "label":
            return max(item[1].height, 5.4 * self.s) + 1.2 * self.s
        return item.height + 0.42 * self.body  # bullet paragraph + space after

    def _qr_zone(self, p: Pillar, inner: float) -> tuple[float, list]:
        """Height of the "Meer weten?" zone, its label and its tiles (one QR code each).

        A tile is a white card with the code (and its quiet zone), the link's label and its
        short address. Two links sit side by side (label and address under each code) when the
        column is wide enough for both and that is lower; otherwise tiles are stacked, each with
        its label and address beside the code, or (where they do not fit there) under it.
        """
        s = self.s
        label = _set(self.t(self.poster.labels.more), inner - 6.5 * s, pt(LABEL_PT) * s, p.id, bold=True)
        head = max(label.height, 5.4 * s) + 1.6 * s
        targets = [(link, *link_target(link, self.lang, self.site_url)) for link in p.more]
        tiles, y = [], 0.0
        for link, url, short in targets:
            tile = self._stacked_tile(p, link, url, short, inner)
            tile["y"] = y
            tiles.append(tile)
            y += tile["h"] + 2.2
        stacked = y - 2.2
        if len(targets) == 2:
            row = self._tiles_side_by_side(targets, inner)
            if row is not None and max(t["h"] for t in row) <= stacked:
                return head + max(t["h"] for t in row), [label, row]
        return head + stacked, [label, tiles]

    def _stacked_tile(self, p: Pillar, link: Link, url: str, short: str, inner: float) -> dict:
        """A full-width tile: label and address beside the code if they fit there, else under it."""
        s, q, qr, pad = self.s, self.quiet(url), self.qr, 1.4
        cap_size, addr_size = pt(CAPTION_PT) * s, pt(ADDRESS_PT) * s
        code_h = qr + 2 * q
        side_w = inner - qr - 2 * q - pad  # beside the code, outside its quiet zone
        cap = set_text(self.t(link.label), side_w, cap_size, bold=True, leading=1.12)
        addr = _address(short, side_w, addr_size, None, strict=True)
        tile = {"link": link, "url": url, "x": 0.0, "w": inner, "qr_x": q}
        if cap is not None and addr is not None and cap.height + 0.8 + addr.height <= code_h - 2 * pad:
            top = (code_h - cap.height - 0.8 - addr.height) / 2
            return tile | {"h": code_h, "cap": cap, "cap_at": (qr + 2 * q, top), "addr": addr,
                           "addr_at": (qr + 2 * q, top + cap.height + 0.8)}
        under_w = inner - 2 * pad
        addr = _address(short, under_w, addr_size, p.id)
        if cap is not None and cap.height <= code_h - 2 * pad:
            cap_at, top = (qr + 2 * q, (code_h - cap.height) / 2), code_h
        else:
            cap = _set(self.t(link.label), under_w, cap_size, p.id, bold=True, leading=1.12)
            cap_at, top = (pad, code_h), code_h + cap.height + 0.6
        return tile | {"h": top + addr.height + 1.6, "cap": cap, "cap_at": cap_at, "addr": addr,
                       "addr_at": (pad, top)}

    def _tiles_side_by_side(self, targets, inner: float) -> list | None:
        """Two tiles in a row, each as wide as its longest word or address part needs; None if they do not fit."""
        s = self.s
        gap, pad = 2.5, 1.4
        cap_size, addr_size = pt(CAPTION_PT) * s, pt(ADDRESS_PT) * s
        needs, comfortable = [], []
        for link, url, short in targets:
            words = [text_width(w, cap_size, True) for w in self.t(link.label).split()]
            parts = [text_width(part, addr_size) for part in re.findall(r"[^/]*/?", short) if part]
            needs.append(max([self.qr + 2 * self.quiet(url)] + [w + 2 * pad for w in words + parts]))
            # comfortable: the whole address on one line, if that takes at most half the column
            comfortable.append(max(needs[-1], min(text_width(short, addr_size) + 2 * pad, (inner - gap) / 2)))
        if sum(comfortable) <= inner - gap:
            needs = comfortable
        spare = inner - gap - sum(needs)
        if spare < 0:
            return None
        widths = [need + spare / 2 for need in needs]
        tiles, x = [], 0.0
        tops = [self.quiet(url) * 2 + self.qr for _, url, _ in targets]
        top = max(tops)
        for (link, url, short), w in zip(targets, widths):
            text_w = w - 2 * pad
            cap = set_text(self.t(link.label), text_w, cap_size, bold=True, leading=1.12, breaks="")
            addr = set_text(short, text_w, addr_size, leading=1.14, breaks="/")
            if cap is None or addr is None or len(addr.lines) > 3 or len(cap.lines) > 2:
                return None
            tiles.append({"link": link, "url": url, "x": x, "y": 0.0, "w": w, "cap": cap,
                          "cap_at": (pad, top), "addr": addr, "addr_at": (pad, top + cap.height + 0.6),
                          "h": top + cap.height + 0.6 + addr.height + 1.6, "qr_x": (w - self.qr) / 2,
                          "centred": True})
            x += w + gap
        height = max(t["h"] for t in tiles)
        for t in tiles:
            t["h"] = height
        return tiles

    def _card_need(self, p: Pillar, width: float, title_size: float, title_h: float) -> float:
        inner = width - 2 * CARD_PAD
        try:
            flow = sum(self._item_height(k, i) for k, i in self._card_sections(p, inner, widow=False))
            qr_h, _ = self._qr_zone(p, inner)
        except _Misfit:
            return float("inf")
        return title_h + CARD_PAD + flow + 3.0 * self.s + qr_h + CARD_PAD

    def _card(self, p: Pillar, x: float, y: float, w: float, h: float, title_size: float, title_h: float) -> Group:
        g = Group(p.id, self.t(p.title))
        colour, tint = p.id, f"{p.id}-tint"
        inner = w - 2 * CARD_PAD
        g.rect(x, y, w, h, tint, rx=3)
        # title band: a rectangle with rounded top corners
        r = 3.0
        g.path(f"M{x:.2f} {y + title_h:.2f}V{y + r:.2f}Q{x:.2f} {y:.2f} {x + r:.2f} {y:.2f}H{x + w - r:.2f}"
               f"Q{x + w:.2f} {y:.2f} {x + w:.2f} {y + r:.2f}V{y + title_h:.2f}Z", fill=colour)
        title = _set(self.t(p.title), inner, title_size, p.id, bold=True, leading=1.05, breaks="")
        f = font(True)
        cap = f.cap_height * title_size
        block_h = cap + (len(title.lines) - 1) * title.pitch
        base = y + (title_h - block_h) / 2 + cap
        for i, line in enumerate(title.lines):
            g.line(x + CARD_PAD, base + i * title.pitch, line, title_size, "on-dark", colour, bold=True)
        # flow
        items = self._card_sections(p, inner)
        qr_h, (more_label, tiles) = self._qr_zone(p, inner)
        natural = sum(self._item_height(k, i) for k, i in items)
        room = h - title_h - 2 * CARD_PAD - qr_h - 3.0 * self.s
        gaps = [i for i, (k, _) in enumerate(items) if k == "gap"]
        extra = max(0.0, room - natural)
        per_gap = min(extra / (len(gaps) + 1), 7.0) if gaps else 0.0
        cy = y + title_h + CARD_PAD
        for kind, item in items:
            if kind == "gap":
                cy += item + per_gap
            elif kind == "def":
                cy = g.paragraph(item, x + CARD_PAD, cy, "ink", tint)
            elif kind == "label":
                key, par = item
                self._label(g, key, par, x + CARD_PAD, cy, colour, tint)
                cy += self._item_height(kind, item)
            else:
                self._bullet(g, item, x + CARD_PAD, cy, colour, tint)
                cy += self._item_height(kind, item)
        # "Meer weten?" at the foot of the column
        qy = y + h - CARD_PAD - qr_h
        self._label(g, "more", more_label, x + CARD_PAD, qy, colour, tint)
        ty = qy + max(more_label.height, 5.4 * self.s) + 1.6 * self.s
        for tile in tiles:
            link, url = tile["link"], tile["url"]
            tx, top = x + CARD_PAD + tile["x"], ty + tile["y"]
            tg = Group(f"{p.id}-more-{link.page or 'external'}".replace("/", "-"), url)
            tg.rect(tx, top, tile["w"], tile["h"], "paper", rx=1.6)
            data, modules = qr_path(url)
            tg.qr(tx + tile["qr_x"], top + self.quiet(url), self.qr, modules, data, "ink")
            # side by side: label and address centred under the code; stacked: label beside it
            if tile.get("centred"):
                text_w = tile["w"] - 2 * tile["cap_at"][0]
                tg.paragraph(tile["cap"], tx + tile["cap_at"][0], top + tile["cap_at"][1], "ink", "paper",
                             anchor="middle", width=text_w)
                tg.paragraph(tile["addr"], tx + tile["addr_at"][0], top + tile["addr_at"][1], "muted", "paper",
                             anchor="middle", width=text_w)
            else:
                tg.paragraph(tile["cap"], tx + tile["cap_at"][0], top + tile["cap_at"][1], "ink", "paper")
                tg.paragraph(tile["addr"], tx + tile["addr_at"][0], top + tile["addr_at"][1], "muted", "paper")
            g.group(tg)
        return g

    def _label(self, g: Group, key: str, par: Paragraph, x: float, top: float, colour: str, bg: str) -> None:
        s = self.s
        icon = 5.0 * s
        name = {"warnings": "warning", "tips": "tip", "more": "more"}[key]
        if name == "warning":
            g.icon(name, x, top, icon, "warning", "ink")
        else:
            g.icon(name, x, top, icon, colour, "paper")
        baseline_top = top + (icon - par.height) / 2 if par.height < icon else top
        g.paragraph(par, x + icon + 1.5 * s, baseline_top, colour, bg)

    def _bullet(self, g: Group, par: Paragraph, x: float, top: float, colour: str, bg: str) -> None:
        f = font(False)
        first = par.baselines(top)[0]
        r = 0.62 * self.s
        g.circle(x + 1.1 * self.s, first - f.x_height * par.size / 2, r, colour)
        g.paragraph(par, x + self._indent(), top, "ink", bg)

    # -- footer ---------------------------------------------------------------------------------
    def footer(self, top: float) -> Group:
        s = min(self.s, 1.15)  # a line beside the code, whatever the scale of the panels
        footer = self.poster.footer
        url = page_url(self.lang, footer.page, self.site_url)
        g = Group("footer", url)
        size = self.qr
        data, modules = qr_path(url)
        g.qr(MARGIN, top, size, modules, data, "ink")
        x = MARGIN + size + self.quiet(url) + 1.5
        label = _set(self.t(footer.label), 110, pt(PANEL_TITLE_PT) * s, "footer", bold=True)
        addr = _set(short_address(url), 110, pt(PANEL_TITLE_PT) * s, "footer", breaks="/")
        block_h = label.height + 0.8 + addr.height
        if block_h > size + 2:
            raise _Misfit("footer", f"{self.t(footer.label)!r} and the address need {block_h:.1f} mm, the footer has {size:.1f}")
        cy = top + (size - block_h) / 2
        cy = g.paragraph(label, x, cy, "ink", "paper") + 0.8
        g.paragraph(addr, x, cy, "muted", "paper")
        credit_w = DESIGN_W - MARGIN - (x + 112)
        credit = _set(self.t(self.poster.labels.credit), credit_w, pt(CREDIT_PT) * s, "footer")
        g.paragraph(credit, DESIGN_W - MARGIN - credit_w, top + (size - credit.height) / 2, "muted", "paper",
                    anchor="end", width=credit_w)
        return g


class _Band:
    """The side panels in columns: under the pillars with the footer as its last block (arranged in
    FULL_COLUMNS columns so that the band is as low as it can be), or filling the back (BACK)."""

    BLOCKS = ("quick-wins", "professional-secrecy", "transfer-or-time-out", "conversation-openers",
              "infomed-infosoc", "footer")
    FULL_COLUMNS = 3
    BACK = (("quick-wins", "professional-secrecy", "infomed-infosoc"), ("conversation-openers", "transfer-or-time-out"))

    def tallest(self) -> str:
        return max(self.columns, key=lambda col: sum(p[0] for p in col))[-1][1]

    def __init__(self, layout: Layout, columns=None, fill: float | None = None):
        self.l = layout
        n = len(columns) if columns else self.FULL_COLUMNS
        self.col_w = (CONTENT_W - (n - 1) * GAP) / n
        if columns is None:
            blocks = {pid: (self._footer_block() if pid == "footer" else self._panel(pid)) for pid in self.BLOCKS}
            self.columns = self._arrange(blocks, n)
        else:
            self.columns = [[self._panel(pid) for pid in col] for col in columns]
        self.height = self._height(self.columns)
        if fill is not None:
            if self.height > fill:
                raise _Misfit(self.tallest(), f"the side panels need {self.height:.1f} mm, the page has {fill:.1f}")
            self.height = fill

    @staticmethod
    def _height(columns) -> float:
        return max(sum(p[0] for p in col) + GAP * (len(col) - 1) for col in columns)

    def _arrange(self, blocks: dict, n: int) -> list[list]:
        """The blocks in n columns (each keeps the BLOCKS order) with the lowest tallest column."""
        ids = list(blocks)
        best, best_h = None, float("inf")
        for assignment in itertools.product(range(n), repeat=len(ids)):
            if len(set(assignment)) < n:
                continue
            columns = [[blocks[i] for i, c in zip(ids, assignment) if c == k] for k in range(n)]
            height = self._height(columns)
            if height < best_h - 1e-6:
                best, best_h = columns, height
        return best

    def _footer_block(self):
        """The site's QR code with its label, address and the credit beside it (on the paper)."""
        l, s = self.l, self.l.s
        url = page_url(l.lang, l.poster.footer.page, l.site_url)
        q = l.quiet(url)
        text_w = self.col_w - l.qr - 2 * q - 1.5
        label = _set(l.t(l.poster.footer.label), text_w, pt(PANEL_TITLE_PT) * s, "footer", bold=True, leading=1.12)
        addr = _set(short_address(url), text_w, pt(PANEL_TITLE_PT) * s, "footer", breaks="/", leading=1.12)
        credit = _set(l.t(l.poster.labels.credit), text_w, pt(CREDIT_PT) * s, "footer", leading=1.15)
        text_h = label.height + 0.8 + addr.height + 2.0 * s + credit.height
        return max(l.qr + 2 * q, text_h), "footer", [("footer", label, addr, credit, url, text_h)]

    def _panel(self, pid: str):
        l, s = self.l, self.l.s
        panel = l.poster.panel(pid)
        inner = self.col_w - 2 * PANEL_PAD
        parts = []
        if pid == "transfer-or-time-out":
            return self._question(panel, inner)
        if panel.title:
            parts.append(("title", _set(l.t(panel.title), inner, pt(PANEL_TITLE_PT) * s, pid, bold=True, leading=1.15)))
        for text in panel.paragraphs:
            parts.append(("p", _set(l.t(text), inner, l.body, pid, leading=l.leading)))
        for text in panel.questions:
            parts.append(("bubble", _set(l.t(text), inner - 2 * 3.2 * s, l.body, pid, leading=l.leading)))
        h = 2 * PANEL_PAD + sum(self._part_h(k, par) for k, par, *_ in parts) - self._after(parts[-1][0])
        return h, pid, parts

    def _question(self, panel, inner: float):
        """The dark question box: the question, and (with a link) a line, its address and a QR code."""
        l, s, pid = self.l, self.l.s, panel.id
        if panel.more is None:
            icon = 9.0 * s
            q = _set(l.t(panel.title), inner - icon - 3 * s, pt(QUESTION_PT) * s, pid, bold=True, leading=1.12)
            return max(q.height, icon) + 2 * PANEL_PAD, pid, [("question", q, icon)]
        url, short = section_target(panel.more, l.lang, l.site_url)
        tile = l.qr + 2 * l.quiet(url)
        text_w = inner - tile - 3.0 * s
        q = _set(l.t(panel.title), text_w, pt(QUESTION_PT) * s, pid, bold=True, leading=1.12)
        line = _set(l.t(panel.more.label), text_w, l.body, pid, leading=l.leading) if panel.more.label else None
        addr = _address(short, text_w, pt(ADDRESS_PT) * s, pid)
        text_h = q.height + (2.2 * s + line.height if line else 0.0) + 1.6 * s + addr.height
        return 2 * PANEL_PAD + max(text_h, tile), pid, [("linked-question", q, line, addr, url, tile, text_h)]

    def _after(self, kind: str) -> float:
        s = self.l.s
        return {"title": 1.8 * s, "p": 0.5 * self.l.body, "bubble": 2.2 * s}.get(kind, 0.0)

    def _part_h(self, kind: str, par: Paragraph) -> float:
        s = self.l.s
        if kind == "bubble":
            return par.height + 2 * 2.2 * s + 2.4 * s + self._after(kind)  # padding + tail
        return par.height + self._after(kind)

    def draw(self, top: float) -> list[Group]:
        groups = []
        x = MARGIN
        for col in self.columns:
            y = top
            natural = sum(h for h, _, _ in col) + GAP * (len(col) - 1)
            boxes = [pid for _, pid, _ in col if pid != "footer"]
            extra = (self.height - natural) / max(len(boxes), 1)  # spread evenly over the column's panels
            for h, pid, parts in col:
                if pid == "footer":
                    if not boxes:
                        y += self.height - natural
                    groups.append(self._draw_footer(parts[0], x, y, h))
                    y += h + GAP
                    continue
                groups.append(self._draw_panel(pid, parts, x, y, self.col_w, h + extra, h))
                y += h + extra + GAP
            x += self.col_w + GAP
        return groups

    def _draw_footer(self, part, x, y, h) -> Group:
        l, s = self.l, self.l.s
        _, label, addr, credit, url, text_h = part
        g = Group("footer", url)
        q = l.quiet(url)
        data, modules = qr_path(url)
        g.qr(x + q, y + (h - l.qr) / 2, l.qr, modules, data, "ink")
        tx = x + l.qr + 2 * q + 1.5
        cy = g.paragraph(label, tx, y + (h - text_h) / 2, "ink", "paper") + 0.8
        cy = g.paragraph(addr, tx, cy, "muted", "paper") + 2.0 * s
        g.paragraph(credit, tx, cy, "muted", "paper")
        return g

    def _draw_panel(self, pid, parts, x, y, w, h, natural) -> Group:
        l, s = self.l, self.l.s
        panel = l.poster.panel(pid)
        g = Group(pid, l.t(panel.title) if panel.title else None)
        if parts[0][0] == "question":
            _, q, icon = parts[0]
            g.rect(x, y, w, h, "header", rx=3)
            g.icon("question", x + PANEL_PAD, y + (h - icon) / 2, icon, "badge", "ink")
            g.paragraph(q, x + PANEL_PAD + icon + 3 * s, y + (h - q.height) / 2, "on-dark", "header")
            return g
        if parts[0][0] == "linked-question":
            _, q, line, addr, url, tile, text_h = parts[0]
            g.rect(x, y, w, h, "header", rx=3)
            cy = y + (h - text_h) / 2
            cy = g.paragraph(q, x + PANEL_PAD, cy, "on-dark", "header")
            if line:
                cy = g.paragraph(line, x + PANEL_PAD, cy + 2.2 * s, "on-dark", "header")
            g.paragraph(addr, x + PANEL_PAD, cy + 1.6 * s, "on-dark", "header")
            tx, ty = x + w - PANEL_PAD - tile, y + (h - tile) / 2
            tg = Group(f"{pid}-more", url)
            tg.rect(tx, ty, tile, tile, "paper", rx=1.2)
            data, modules = qr_path(url)
            tg.qr(tx + l.quiet(url), ty + l.quiet(url), l.qr, modules, data, "ink")
            g.group(tg)
            return g
        g.rect(x, y, w, h, "panel", rx=3)
        cy = y + PANEL_PAD
        inner = w - 2 * PANEL_PAD
        # spare height goes between paragraphs or bubbles (at most 6 mm each), the rest stays at the bottom
        gaps = max(len([k for k, _ in parts if k != "title"]) - 1, 0)
        spread = min((h - natural) / gaps, 6.0 * s) if gaps else 0.0
        for kind, par in parts:
            if kind == "title":
                cy = g.paragraph(par, x + PANEL_PAD, cy, "ink", "panel") + self._after(kind)
            elif kind == "p":
                cy = g.paragraph(par, x + PANEL_PAD, cy, "ink", "panel") + self._after(kind) + spread
            else:
                pad = 2.2 * s
                bh = par.height + 2 * pad
                bx = x + PANEL_PAD
                tail = 2.4 * s
                d = _bubble_path(bx, cy, inner, bh, 2.2, tail)
                g.path(d, fill="paper", stroke="rule", sw=0.35)
                g.paragraph(par, bx + 3.2 * s, cy + pad, "ink", "paper")
                cy += bh + tail + self._after(kind) + spread
        return g


def _bubble_path(x: float, y: float, w: float, h: float, r: float, tail: float) -> str:
    """A speech bubble with rounded corners and a tail under its left part."""
    tx = x + 6.0
    return (f"M{x + r:.2f} {y:.2f}H{x + w - r:.2f}Q{x + w:.2f} {y:.2f} {x + w:.2f} {y + r:.2f}"
            f"V{y + h - r:.2f}Q{x + w:.2f} {y + h:.2f} {x + w - r:.2f} {y + h:.2f}"
            f"H{tx + tail * 1.6:.2f}L{tx:.2f} {y + h + tail:.2f}L{tx + 0.4:.2f} {y + h:.2f}"
            f"H{x + r:.2f}Q{x:.2f} {y + h:.2f} {x:.2f} {y + h - r:.2f}V{y + r:.2f}Q{x:.2f} {y:.2f} {x + r:.2f} {y:.2f}Z")


def layout_poster(poster: Poster, lang: str, size: str, site_url: str | None = None, side: str | None = None) -> Scene:
    """One side of the poster in one language at one size: the largest text scale that fits, or
    TextOverflowError. Without `side`, every side of the sheet is laid out (so that a text that
    does not fit on any side raises) and the first is returned."""
    page = SIZES[size]
    if side is None:
        return layout_sheet(poster, lang, size, site_url)[0]
    if side not in page.sides:
        raise ValueError(f"{size} has the sides {', '.join(page.sides)}, not {side!r}")
    site_url = site_url or settings.SITE_URL
    floor = page.floor
    ceiling = page.ceilings[page.sides.index(side)]
    candidates = [round(ceiling - i * 0.01, 3) for i in range(int(round((ceiling - floor) / 0.01)) + 1)]
    candidates = [c for c in candidates if c > floor + 1e-9] + [floor]
    results: dict[int, Scene | _Misfit] = {}

    def attempt(index: int) -> Scene | _Misfit:
        if index not in results:
            scale = candidates[index]
            scene = Scene(
                lang=lang, width_mm=page.width_mm, height_mm=page.height_mm, view_w=DESIGN_W, view_h=DESIGN_H,
                title=typeset(poster.title[lang], lang), desc=_description(poster, lang), font_family=FAMILY,
                scale=scale,
            )
            try:
                Layout(poster, lang, scale, site_url, page, side).build(scene)
                results[index] = scene
            except _Misfit as exc:
                results[index] = exc
        return results[index]

    # the largest scale that fits; fitting is monotonic in the scale, so bisect
    if isinstance(attempt(len(candidates) - 1), _Misfit):
        misfit = results[len(candidates) - 1]
        where = "" if side == "full" else f" ({side})"
        raise TextOverflowError(misfit.block, lang, size, f"{misfit.reason}{where} (at the smallest allowed scale, "
                                                         f"{floor:.0%} of the design size)")
    lo, hi = 0, len(candidates) - 1  # candidates[hi] fits
    while lo < hi:
        mid = (lo + hi) // 2
        if isinstance(attempt(mid), Scene):
            hi = mid
        else:
            lo = mid + 1
    return results[hi]


def layout_sheet(poster: Poster, lang: str, size: str, site_url: str | None = None) -> list[Scene]:
    """Every side of the sheet (one, or front and back)."""
    return [layout_poster(poster, lang, size, site_url, side) for side in SIZES[size].sides]


def _description(poster: Poster, lang: str) -> str:
    parts = [p.title[lang] for p in poster.pillars]
    text = f"{poster.title[lang]} — " + " · ".join(parts) + f". {poster.labels.credit[lang]}."
    return unicodedata.normalize("NFC", text)


def render_svg(scene: Scene) -> str:
    return render("poster.svg.j2", scene=scene)


# ------------------------------------------------------------------------------------------
# Build


def build_posters(poster: Poster, out_dir: Path, site_url: str | None = None,
                  sizes: tuple[str, ...] = tuple(SIZES), langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Write the SVGs and the PDF of every language and size, and a preview PNG per language.

    Returns the written paths. Raises TextOverflowError (block, language, size) if a text
    does not fit.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    site_url = site_url or settings.SITE_URL
    written: list[Path] = []
    jobs = []
    for lang in langs:
        for size in sizes:
            page = SIZES[size]
            svgs = []
            for scene, side in zip(layout_sheet(poster, lang, size, site_url), page.sides):
                svg = out_dir / page.svg_name(lang, side)
                svg.write_text(render_svg(scene), encoding="utf-8")
                svgs.append(svg)
            pdf = out_dir / f"poster-{lang}-{size}.pdf"
            job = {"svgs": [str(svg) for svg in svgs], "pdf": str(pdf), "title": typeset(poster.title[lang], lang),
                   "lang": lang}
            if size == PREVIEW_SIZE:
                job["png"] = str(out_dir / f"poster-{lang}-preview.png")
            jobs.append(job)
            written += svgs + [pdf] + ([Path(job["png"])] if "png" in job else [])
    convert(jobs)
    return written


def convert(jobs: list[dict]) -> None:
    """Render SVG -> PDF (and PNG) in a subprocess with a fontconfig that knows only our font."""
    from .runtime import run_child, temp_dir

    with temp_dir("kennisbank-fonts-") as tmp:
        conf = write_fontconfig(Path(tmp))
        env = dict(os.environ)
        env.update({
            "FONTCONFIG_FILE": str(conf),
            "FONTCONFIG_PATH": str(conf.parent),
            "SOURCE_DATE_EPOCH": "1735689600",  # = PDF_DATE, for any code that looks at it
            "TZ": "UTC",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(Path(__file__).resolve().parent.parent), env.get("PYTHONPATH")])),
        })
        run_child([sys.executable, "-m", "kennisbank.posters", "--render-jobs"], input=json.dumps(jobs), env=env, cwd=tmp)


def _render_jobs(jobs: list[dict]) -> None:
    """In the subprocess: cairosvg is imported only here, after FONTCONFIG_FILE is set."""
    import cairocffi
    import cairosvg
    from cairosvg.surface import PDFSurface

    class FixedDatePDF(PDFSurface):
        title = ""

        def _create_surface(self, width, height):
            surface, width, height = super()._create_surface(width, height)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATE_DATE, PDF_DATE)
            surface.set_metadata(cairocffi.PDF_METADATA_MOD_DATE, PDF_DATE)
            surface.set_metadata(cairocffi.PDF_METADATA_TITLE, self.title)
            surface.set_metadata(cairocffi.PDF_METADATA_CREATOR, "kennisbank (cairosvg)")
            return surface, width, height

    class Sheet(FixedDatePDF):
        """Every SVG of a job drawn as one page of the same PDF (one document: one font subset)."""

        shared = None

        def _create_surface(self, width, height):
            if Sheet.shared is None:
                Sheet.shared = super()._create_surface(width, height)
            return Sheet.shared

    from cairosvg.parser import Tree

    for job in jobs:
        svgs = [Path(svg).read_bytes() for svg in job["svgs"]]
        FixedDatePDF.title = job["title"]
        Sheet.shared = None
        for i, svg in enumerate(svgs):
            page = Sheet(Tree(bytestring=svg, unsafe=False), job["pdf"], 96)
            if i < len(svgs) - 1:
                page.cairo.show_page()
        page.finish()
        fix_pdf_dates(Path(job["pdf"]))
        if job.get("png"):
            cairosvg.svg2png(bytestring=svgs[0], write_to=job["png"], output_width=PREVIEW_WIDTH_PX)


_DATE = re.compile(rb"(?P<ws>[ \t]*)/(?P<key>CreationDate|ModDate)\s*\((?P<value>[^)]*)\)")


def pdf_date() -> bytes:
    """PDF_DATE in PDF form, D:YYYYMMDDHHmmSSZ."""
    digits = re.sub(r"\D", "", PDF_DATE)[:14]
    return f"D:{digits}Z".encode()


def fix_pdf_dates(path: Path) -> None:
    """Set /CreationDate and /ModDate to PDF_DATE without moving any byte offset.

    cairo 1.16 writes the date set through its API without the "D:" prefix (and cairo writes
    the current time when none is set); the fixed date is written in place, taking the
    bytes it needs from the indentation before the key so the xref table stays valid.
    """
    data = path.read_bytes()
    wanted = pdf_date()

    def replace(match: re.Match) -> bytes:
        old = match.group(0)
        new = b"/" + match.group("key") + b" (" + wanted + b")"
        pad = len(old) - len(new)
        if pad < 0:
            new = new.replace(b" (", b"(", 1)
            pad = len(old) - len(new)
        if pad < 0:
            raise RuntimeError(f"{path}: cannot fix the PDF date in place ({old!r})")
        return b" " * pad + new

    fixed, count = _DATE.subn(replace, data)
    if count == 0:
        raise RuntimeError(f"{path}: no /CreationDate found to fix")
    if len(fixed) != len(data):
        raise RuntimeError(f"{path}: fixing the dates changed the file length")
    if fixed != data:
        path.write_bytes(fixed)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--render-jobs"]:
        _render_jobs(json.loads(sys.stdin.read()))
        return 0
    import argparse

    from .yamlsource import load

    parser = argparse.ArgumentParser(description="Build the posters (SVG, PDF, preview PNG).")
    parser.add_argument("out_dir", nargs="?", default="site/downloads/posters")
    parser.add_argument("--content", default=str(Path(__file__).resolve().parent.parent / "content" / "poster.yaml"))
    parser.add_argument("--site-url", default=settings.SITE_URL)
    args = parser.parse_args(argv)
    poster = Poster.model_validate(load(Path(args.content)).data)
    warning = settings.site_url_warning(args.site_url)
    if warning:
        print(warning, file=sys.stderr)
    try:
        paths = build_posters(poster, Path(args.out_dir), args.site_url)
    except TextOverflowError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"{path}  {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
