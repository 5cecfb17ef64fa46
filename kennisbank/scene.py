"""A small retained drawing model shared by the poster and the diagram.

Layout code builds groups of elements in user units; `kennisbank/infographic` templates
(`infographic/*.svg.j2`) turn them into SVG. Numbers are formatted here, once, with a fixed
precision so the output is byte-for-byte reproducible. Every text records the palette names
of its colour and of the colour behind it, so contrast can be checked from the palette.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .palette import PALETTE
from .textlayout import Paragraph, text_width

TEMPLATES = Path(__file__).resolve().parent.parent / "infographic"


def fmt(value: float) -> str:
    """A number for SVG: at most 2 decimals, no trailing zeros, no '-0'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class TextRun:
    """One line of text as drawn: for the contrast and content checks."""

    block: str
    text: str
    size: float
    bold: bool
    fg: str
    bg: str
    x: float
    y: float


@dataclass
class Group:
    id: str
    label: str | None = None
    items: list = field(default_factory=list)
    runs: list[TextRun] = field(default_factory=list)
    kind: str = "group"

    # -- shapes ---------------------------------------------------------------------------
    def rect(self, x, y, w, h, fill, rx=0.0, stroke=None, sw=0.0):
        self.items.append({"kind": "rect", "x": fmt(x), "y": fmt(y), "w": fmt(w), "h": fmt(h), "rx": fmt(rx) if rx else "",
                           "fill": PALETTE[fill], "stroke": PALETTE[stroke] if stroke else "", "sw": fmt(sw)})

    def circle(self, cx, cy, r, fill, stroke=None, sw=0.0):
        self.items.append({"kind": "circle", "cx": fmt(cx), "cy": fmt(cy), "r": fmt(r), "fill": PALETTE[fill],
                           "stroke": PALETTE[stroke] if stroke else "", "sw": fmt(sw)})

    def path(self, d, fill="none", stroke=None, sw=0.0):
        self.items.append({"kind": "path", "d": d, "fill": PALETTE.get(fill, fill),
                           "stroke": PALETTE[stroke] if stroke else "", "sw": fmt(sw)})

    def icon(self, name, x, y, size, fill, fg="paper"):
        self.items.append({"kind": "icon", "name": name, "x": fmt(x), "y": fmt(y), "scale": fmt(size / 10),
                           "fill": PALETTE[fill], "fg": PALETTE[fg]})

    def qr(self, x, y, size, modules, d, fill="ink"):
        module = size / modules
        self.items.append({"kind": "qr", "x": fmt(x), "y": fmt(y), "module": f"{module:.4f}".rstrip("0"),
                           "d": d, "fill": PALETTE[fill]})

    def group(self, child: "Group"):
        self.items.append(child)
        self.runs.extend(child.runs)
        return child

    # -- text -----------------------------------------------------------------------------
    def line(self, x, y, text, size, fg, bg, bold=False, anchor="start"):
        """One line at baseline y; anchor start|middle|end is resolved here with the font metrics."""
        if anchor != "start":
            width = text_width(text, size, bold)
            x = x - (width / 2 if anchor == "middle" else width)
        self.items.append({"kind": "text", "x": fmt(x), "y": fmt(y), "size": fmt(size), "bold": bold,
                           "fill": PALETTE[fg], "text": text})
        self.runs.append(TextRun(self.id, text, size, bold, fg, bg, x, y))

    def paragraph(self, par: Paragraph, x, top, fg, bg, anchor="start", width=0.0) -> float:
        """Draw a set paragraph with its top at `top`; returns the bottom (top + height)."""
        ax = x + (width / 2 if anchor == "middle" else width if anchor == "end" else 0)
        for line, baseline in zip(par.lines, par.baselines(top)):
            self.line(ax, baseline, line, par.size, fg, bg, par.bold, anchor)
        return top + par.height


@dataclass
class Scene:
    lang: str
    width_mm: float
    height_mm: float
    view_w: float
    view_h: float
    title: str
    desc: str
    font_family: str
    groups: list[Group] = field(default_factory=list)
    scale: float = 1.0
    paper: str = PALETTE["paper"]

    def add(self, group: Group) -> Group:
        self.groups.append(group)
        return group

    @property
    def runs(self) -> list[TextRun]:
        return [run for group in self.groups for run in group.runs]


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
