"""Print-ready posters of the DRUGINT infographic "Druggebruik?": SVG and PDF per language and size.

    build_posters(poster, out_dir, site_url) -> [paths]

writes poster-<lang>-<size>.svg and .pdf for lang in nl fr en and size in a4 a3 a2, and
poster-<lang>-preview.png (the A4 version, 1000 px wide).

Layout. One portrait layout, designed in millimetres of an A3 sheet (the SVG viewBox is
always 297 x 420); A4 and A2 are the same drawing printed smaller or larger (all ISO A
sizes share the aspect ratio). Text is set with the real metrics of the shipped font
(kennisbank.textlayout). All body text shares one scale: the largest scale (at most the
design size) at which every block fits is used, and the smallest allowed scale follows
from the page size (a minimum printed size in points, strictest on A4). If a block does
not fit even then, the build fails with TextOverflowError naming block, language and size.

The page, top to bottom: the title band (title + the "Basistraining Drugs" call-out), the
four pillars as columns (widths balanced so their heights match; "Meer weten?" QR codes at
the foot of each), the side panels in three columns, and a footer with the site's QR code.

Rendering. SVG -> PDF and PNG with cairosvg in a subprocess whose fontconfig knows only
Atkinson Hyperlegible (kennisbank.fonts.write_fontconfig), so the output does not depend on
the machine's fonts. The PDF's dates are fixed (PDF_DATE) and rebuilds are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import segno

from . import settings
from .fonts import FAMILY, write_fontconfig
from .models import LANGS
from .poster_model import Link, Pillar, Poster
from .scene import Group, Scene, render
from .textlayout import (
    Paragraph, TextOverflowError, font, scales, set_text, text_width, typeset,
)

# ------------------------------------------------------------------------------------------
# Page sizes and limits

DESIGN_W, DESIGN_H = 297.0, 420.0  # the layout's user units: millimetres on A3
PT = 25.4 / 72  # one point in millimetres


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float
    min_body_pt: float  # smallest printed size of body text on this sheet
    min_small_pt: float  # smallest printed size of the addresses under the QR codes

    @property
    def factor(self) -> float:
        """Printed size / design size."""
        return self.width_mm / DESIGN_W

    @property
    def floor(self) -> float:
        """Smallest allowed text scale on this sheet."""
        return round(max(GLOBAL_FLOOR,
                         self.min_body_pt / (BODY_PT * self.factor),
                         self.min_small_pt / (ADDRESS_PT * self.factor)), 3)


# Design sizes in points at scale 1 on A3.
BODY_PT = 13.0
DEF_PT = 15.0
LABEL_PT = 13.0
PANEL_TITLE_PT = 14.5
QUESTION_PT = 17.0
CAPTION_PT = 10.5
ADDRESS_PT = 9.5
CREDIT_PT = 10.0
PILLAR_TITLE_PT = (24.0, 16.0)  # largest, smallest
TITLE_PT = (84.0, 34.0)
BADGE_PT = (16.0, 11.0)
GLOBAL_FLOOR = 0.8  # never below 80 % of the design size

SIZES: dict[str, PageSize] = {
    "a4": PageSize("a4", 210.0, 297.0, min_body_pt=7.5, min_small_pt=5.5),
    "a3": PageSize("a3", 297.0, 420.0, min_body_pt=10.0, min_small_pt=7.0),
    "a2": PageSize("a2", 420.0, 594.0, min_body_pt=12.0, min_small_pt=8.0),
}
PREVIEW_SIZE = "a4"
PREVIEW_WIDTH_PX = 1000
PDF_DATE = "2025-01-01T00:00:00Z"  # fixed /CreationDate and /ModDate: rebuilds are byte-identical

# Geometry (design mm).
MARGIN = 10.0
GAP = 4.0
HEADER_H = 30.0
FOOTER_H = 15.0
CARD_PAD = 3.6
QR_SIZE = 18.0
QR_QUIET = 2.2
PANEL_PAD = 4.5
CONTENT_W = DESIGN_W - 2 * MARGIN
CARD_MIN, CARD_MAX = 0.82, 1.22  # a pillar column's width, relative to the mean


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


def page_url(lang: str, page: str, site_url: str) -> str:
    url = settings.page_url(lang, page)
    if site_url and url.startswith(settings.SITE_URL) and site_url != settings.SITE_URL:
        url = site_url.rstrip("/") + "/" + url[len(settings.SITE_URL):].lstrip("/")
    return url


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


def _set(text: str, width: float, size: float, block: str, *, bold=False, leading=1.24, breaks="-/") -> Paragraph:
    par = set_text(text, width, size, bold=bold, leading=leading, breaks=breaks)
    if par is None:
        raise _Misfit(block, f"a word in {text[:50]!r} is wider than its box ({width:.1f} mm)")
    return par


def _fit_line(text: str, width: float, height: float, sizes: tuple[float, float], block: str, *, bold=True,
              max_lines=2, leading=1.05) -> Paragraph:
    """Largest size in [smallest, largest] (points) at which the text fits the box in <= max_lines."""
    largest, smallest = sizes
    size = largest
    while size >= smallest - 1e-9:
        par = set_text(text, width, pt(size), bold=bold, leading=leading, breaks="")
        if par is not None and len(par.lines) <= max_lines and par.height <= height:
            return par
        size -= 0.5
    raise _Misfit(block, f"{text!r} does not fit {width:.1f} x {height:.1f} mm even at {smallest} pt")


class Layout:
    """The poster for one language at one text scale (raises _Misfit if something overflows)."""

    def __init__(self, poster: Poster, lang: str, scale: float, site_url: str):
        self.poster, self.lang, self.s, self.site_url = poster, lang, scale, site_url
        self.body = pt(BODY_PT) * scale
        self.leading = 1.2

    def t(self, text) -> str:
        return typeset(text[self.lang], self.lang)

    # -- the page ------------------------------------------------------------------------------
    def build(self, scene: Scene) -> None:
        header_bottom = MARGIN + HEADER_H
        footer_top = DESIGN_H - MARGIN - FOOTER_H
        panels = self.panels_band()
        band_top = footer_top - GAP - panels.height
        pillars_top = header_bottom + GAP
        pillars_h = band_top - GAP - pillars_top
        scene.add(self.header())
        for group in self.pillars(pillars_top, pillars_h):
            scene.add(group)
        for group in panels.draw(band_top):
            scene.add(group)
        scene.add(self.footer(footer_top))

    # -- header ---------------------------------------------------------------------------------
    def header(self) -> Group:
        g = Group("title", self.t(self.poster.title))
        x, y, w, h = MARGIN, MARGIN, CONTENT_W, HEADER_H
        g.rect(x, y, w, h, "header", rx=3)
        badge_w = 84.0
        pad = 6.0
        # call-out: "Check de Basistraining Drugs!"
        training = self.poster.panel("basic-training")
        bx, by, bh = x + w - badge_w - pad + 2, y + 4.5, h - 9
        b = Group("basic-training", self.t(training.title))
        b.rect(bx, by, badge_w, bh, "badge", rx=bh / 2 if bh < 14 else 4)
        inner_w = badge_w - 10
        par = _fit_line(self.t(training.title), inner_w, bh - 4, BADGE_PT, "basic-training", max_lines=3, leading=1.12)
        b.paragraph(par, bx + badge_w / 2, by + (bh - par.height) / 2, "ink", "badge", anchor="middle")
        title_w = w - badge_w - 3 * pad
        title = _fit_line(self.t(self.poster.title), title_w, h - 10, TITLE_PT, "title", max_lines=2, leading=1.0)
        f = font(True)
        # centre the capitals vertically in the band
        cap = f.cap_height * title.size
        block_h = cap + (len(title.lines) - 1) * title.pitch
        first_baseline = y + (h - block_h) / 2 + cap
        for i, line in enumerate(title.lines):
            g.line(x + pad + 1, first_baseline + i * title.pitch, line, title.size, "on-dark", "header", bold=True)
        g.group(b)
        return g

    # -- pillars --------------------------------------------------------------------------------
    def pillars(self, top: float, height: float) -> list[Group]:
        pillars = self.poster.pillars
        n = len(pillars)
        mean = (CONTENT_W - (n - 1) * GAP) / n
        lo, hi = mean * CARD_MIN, mean * CARD_MAX
        title_size = self._pillar_title_size(mean)
        titles = {p.id: _set(self.t(p.title), mean - 2 * CARD_PAD, title_size, p.id, bold=True, leading=1.05, breaks="")
                  for p in pillars}
        title_h = max(len(par.lines) for par in titles.values()) * title_size * 1.05 + 2 * 3.4
        # each column is at least as wide as its title needs (in the lines it takes at the mean width)
        grid = [lo + 0.5 * i for i in range(int((hi - lo) / 0.5) + 1)]
        needs = {}
        for p in pillars:
            title_w = titles[p.id].width + 2 * CARD_PAD
            needs[p.id] = [self._card_need(p, w, title_size, title_h) if w >= title_w - 1e-6 else float("inf")
                           for w in grid]
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

    def _card_sections(self, p: Pillar, inner: float) -> list[tuple[str, object]]:
        """The flow of a pillar column below its title, as (kind, paragraph) items."""
        s = self.s
        items: list[tuple[str, object]] = [("def", _set(self.t(p.definition), inner, pt(DEF_PT) * s, p.id, bold=True, leading=1.18))]
        bullet_w = inner - self._indent()
        items.append(("gap", 2.6 * s))
        for text in p.points:
            items.append(("bullet", _set(self.t(text), bullet_w, self.body, p.id, leading=self.leading)))
        for key, texts in (("warnings", p.warnings), ("tips", p.tips)):
            items.append(("gap", 2.4 * s))
            items.append(("label", (key, _set(self.t(getattr(self.poster.labels, key)), inner - 6.5 * s, pt(LABEL_PT) * s, p.id, bold=True))))
            for text in texts:
                items.append(("bullet", _set(self.t(text), bullet_w, self.body, p.id, leading=self.leading)))
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

        A tile is a white card with the code, the link's label and, under the code, its short
        address. Two links sit side by side (label and address under each code) when the
        column is wide enough for both; otherwise tiles are stacked with the label beside the code.
        """
        s = self.s
        label = _set(self.t(self.poster.labels.more), inner - 6.5 * s, pt(LABEL_PT) * s, p.id, bold=True)
        head = max(label.height, 5.4 * s) + 1.6 * s
        targets = [(link, *link_target(link, self.lang, self.site_url)) for link in p.more]
        if len(targets) == 2:
            tiles = self._tiles_side_by_side(targets, inner)
            if tiles is not None:
                return head + max(t["h"] for t in tiles), [label, tiles]
        tiles = []
        cap_w = inner - QR_SIZE - 2 * QR_QUIET - 1.5
        addr_w = inner - 2 * QR_QUIET
        y = 0.0
        for link, url, short in targets:
            cap = _set(self.t(link.label), cap_w, pt(CAPTION_PT) * s, p.id, bold=True, leading=1.12)
            # the short address goes under the code: cut after '/' if it must wrap, else anywhere sensible
            addr = set_text(short, addr_w, pt(ADDRESS_PT) * s, leading=1.14, breaks="/")
            if addr is None:
                addr = _set(short, addr_w, pt(ADDRESS_PT) * s, p.id, leading=1.14, breaks="/.-")
            top = QR_QUIET + max(QR_SIZE, cap.height) + QR_QUIET * 0.8
            h = top + addr.height + 1.6
            tiles.append({"link": link, "url": url, "x": 0.0, "y": y, "w": inner, "h": h, "cap": cap,
                          "cap_at": (QR_SIZE + 2 * QR_QUIET - 0.7, QR_QUIET - 0.3), "addr": addr,
                          "addr_at": (QR_QUIET, top)})
            y += h + 2.2
        return head + y - 2.2, [label, tiles]

    def _tiles_side_by_side(self, targets, inner: float) -> list | None:
        """Two tiles in a row, each as wide as its longest word or address part needs; None if they do not fit."""
        s = self.s
        gap, pad = 2.5, 1.4
        cap_size, addr_size = pt(CAPTION_PT) * s, pt(ADDRESS_PT) * s
        needs, comfortable = [], []
        for link, url, short in targets:
            words = [text_width(w, cap_size, True) for w in self.t(link.label).split()]
            parts = [text_width(part, addr_size) for part in re.findall(r"[^/]*/?", short) if part]
            needs.append(max([QR_SIZE + 2 * QR_QUIET] + [w + 2 * pad for w in words + parts]))
            # comfortable: the whole address on one line, if that takes at most half the column
            comfortable.append(max(needs[-1], min(text_width(short, addr_size) + 2 * pad, (inner - gap) / 2)))
        if sum(comfortable) <= inner - gap:
            needs = comfortable
        spare = inner - gap - sum(needs)
        if spare < 0:
            return None
        widths = [need + spare / 2 for need in needs]
        tiles, x = [], 0.0
        for (link, url, short), w in zip(targets, widths):
            text_w = w - 2 * pad
            cap = set_text(self.t(link.label), text_w, cap_size, bold=True, leading=1.12, breaks="")
            addr = set_text(short, text_w, addr_size, leading=1.14, breaks="/")
            if cap is None or addr is None or len(addr.lines) > 2 or len(cap.lines) > 2:
                return None
            top = QR_QUIET + QR_SIZE + QR_QUIET * 0.8
            tiles.append({"link": link, "url": url, "x": x, "y": 0.0, "w": w, "cap": cap,
                          "cap_at": (pad, top), "addr": addr, "addr_at": (pad, top + cap.height + 0.6),
                          "h": top + cap.height + 0.6 + addr.height + 1.6, "qr_x": (w - QR_SIZE) / 2})
            x += w + gap
        height = max(t["h"] for t in tiles)
        for t in tiles:
            t["h"] = height
        return tiles

    def _card_need(self, p: Pillar, width: float, title_size: float, title_h: float) -> float:
        inner = width - 2 * CARD_PAD
        try:
            flow = sum(self._item_height(k, i) for k, i in self._card_sections(p, inner))
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
            tg.qr(tx + tile.get("qr_x", QR_QUIET), top + QR_QUIET, QR_SIZE, modules, data, "ink")
            # side by side: label and address centred under the code; stacked: label beside it
            anchor = "middle" if "qr_x" in tile else "start"
            text_w = tile["w"] - 2 * tile["cap_at"][0]
            tg.paragraph(tile["cap"], tx + tile["cap_at"][0], top + tile["cap_at"][1], "ink", "paper",
                         anchor=anchor, width=text_w)
            tg.paragraph(tile["addr"], tx + tile["addr_at"][0], top + tile["addr_at"][1], "muted", "paper",
                         anchor=anchor, width=text_w)
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

    # -- panels ---------------------------------------------------------------------------------
    def panels_band(self) -> "_Band":
        return _Band(self)

    # -- footer ---------------------------------------------------------------------------------
    def footer(self, top: float) -> Group:
        s = self.s
        footer = self.poster.footer
        url = page_url(self.lang, footer.page, self.site_url)
        g = Group("footer", url)
        size = FOOTER_H
        data, modules = qr_path(url)
        g.qr(MARGIN, top, size, modules, data, "ink")
        x = MARGIN + size + 3.5
        label = _set(self.t(footer.label), 110, pt(PANEL_TITLE_PT) * s, "footer", bold=True)
        addr = _set(short_address(url), 110, pt(PANEL_TITLE_PT) * s, "footer", breaks="/")
        block_h = label.height + 0.8 + addr.height
        if block_h > size + 2:
            raise _Misfit("footer", f"{self.t(footer.label)!r} and the address need {block_h:.1f} mm, the footer has {size:.1f}")
        cy = top + (size - block_h) / 2
        cy = g.paragraph(label, x, cy, "ink", "paper") + 0.8
        g.paragraph(addr, x, cy, "muted", "paper")
        credit_w = CONTENT_W - size - 3.5 - 112
        credit = _set(self.t(self.poster.labels.credit), credit_w, pt(CREDIT_PT) * s, "footer")
        g.paragraph(credit, DESIGN_W - MARGIN - credit_w, top + (size - credit.height) / 2, "muted", "paper",
                    anchor="end", width=credit_w)
        return g


class _Band:
    """The side panels in three columns between the pillars and the footer."""

    COLUMNS = (("quick-wins", "infomed-infosoc"), ("professional-secrecy", "transfer-or-time-out"), ("conversation-openers",))

    def __init__(self, layout: Layout):
        self.l = layout
        n = len(self.COLUMNS)
        self.col_w = (CONTENT_W - (n - 1) * GAP) / n
        self.columns = [[self._panel(pid) for pid in col] for col in self.COLUMNS]
        self.height = max(sum(p[0] for p in col) + GAP * (len(col) - 1) for col in self.columns)

    def _panel(self, pid: str):
        l, s = self.l, self.l.s
        panel = l.poster.panel(pid)
        inner = self.col_w - 2 * PANEL_PAD
        parts = []
        if pid == "transfer-or-time-out":
            icon = 9.0 * s
            q = _set(l.t(panel.title), inner - icon - 3 * s, pt(QUESTION_PT) * s, pid, bold=True, leading=1.12)
            h = max(q.height, icon) + 2 * PANEL_PAD
            return h, pid, [("question", q, icon)]
        if panel.title:
            parts.append(("title", _set(l.t(panel.title), inner, pt(PANEL_TITLE_PT) * s, pid, bold=True, leading=1.15)))
        for text in panel.paragraphs:
            parts.append(("p", _set(l.t(text), inner, l.body, pid, leading=l.leading)))
        for text in panel.questions:
            parts.append(("bubble", _set(l.t(text), inner - 2 * 3.2 * s, l.body, pid, leading=l.leading)))
        h = 2 * PANEL_PAD + sum(self._part_h(k, par) for k, par, *_ in parts) - self._after(parts[-1][0])
        return h, pid, parts

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
            extra = (self.height - natural) / len(col)  # spread evenly over the column's panels
            for h, pid, parts in col:
                groups.append(self._draw_panel(pid, parts, x, y, self.col_w, h + extra, h))
                y += h + extra + GAP
            x += self.col_w + GAP
        return groups

    def _draw_panel(self, pid, parts, x, y, w, h, natural) -> Group:
        l, s = self.l, self.l.s
        panel = l.poster.panel(pid)
        g = Group(pid, l.t(panel.title) if panel.title else None)
        if pid == "transfer-or-time-out":
            _, q, icon = parts[0]
            g.rect(x, y, w, h, "header", rx=3)
            g.icon("question", x + PANEL_PAD, y + (h - icon) / 2, icon, "badge", "ink")
            g.paragraph(q, x + PANEL_PAD + icon + 3 * s, y + (h - q.height) / 2, "on-dark", "header")
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


def layout_poster(poster: Poster, lang: str, size: str, site_url: str | None = None) -> Scene:
    """The poster in one language at one size: the largest text scale that fits, or TextOverflowError."""
    page = SIZES[size]
    site_url = site_url or settings.SITE_URL
    candidates = list(scales(page.floor, 0.01))
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
                Layout(poster, lang, scale, site_url).build(scene)
                results[index] = scene
            except _Misfit as exc:
                results[index] = exc
        return results[index]

    # the largest scale that fits; fitting is monotonic in the scale, so bisect
    if isinstance(attempt(len(candidates) - 1), _Misfit):
        misfit = results[len(candidates) - 1]
        raise TextOverflowError(misfit.block, lang, size, f"{misfit.reason} (at the smallest allowed scale, "
                                                         f"{page.floor:.0%} of the design size)")
    lo, hi = 0, len(candidates) - 1  # candidates[hi] fits
    while lo < hi:
        mid = (lo + hi) // 2
        if isinstance(attempt(mid), Scene):
            hi = mid
        else:
            lo = mid + 1
    return results[hi]


def _description(poster: Poster, lang: str) -> str:
    parts = [p.title[lang] for p in poster.pillars]
    return f"{poster.title[lang]} — " + " · ".join(parts) + f". {poster.labels.credit[lang]}."


def render_svg(scene: Scene) -> str:
    return render("poster.svg.j2", scene=scene)


# ------------------------------------------------------------------------------------------
# Build


def build_posters(poster: Poster, out_dir: Path, site_url: str | None = None,
                  sizes: tuple[str, ...] = tuple(SIZES), langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Write the SVG and PDF of every language and size, and an A4 preview PNG per language.

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
            scene = layout_poster(poster, lang, size, site_url)
            svg = out_dir / f"poster-{lang}-{size}.svg"
            svg.write_text(render_svg(scene), encoding="utf-8")
            pdf = svg.with_suffix(".pdf")
            job = {"svg": str(svg), "pdf": str(pdf), "title": scene.title, "lang": lang}
            if size == PREVIEW_SIZE:
                job["png"] = str(out_dir / f"poster-{lang}-preview.png")
            jobs.append(job)
            written += [svg, pdf] + ([Path(job["png"])] if "png" in job else [])
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

    for job in jobs:
        svg = Path(job["svg"]).read_bytes()
        FixedDatePDF.title = job["title"]
        FixedDatePDF.convert(bytestring=svg, write_to=job["pdf"], unsafe=False)
        fix_pdf_dates(Path(job["pdf"]))
        if job.get("png"):
            cairosvg.svg2png(bytestring=svg, write_to=job["png"], output_width=PREVIEW_WIDTH_PX)


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
