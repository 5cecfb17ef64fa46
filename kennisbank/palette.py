"""Colours of the posters and diagrams, and the WCAG contrast maths used to check them.

Every text is drawn with a (foreground, background) pair of names from PALETTE; the layout
records the pairs it uses and the tests require a contrast ratio of at least 4.5:1 (WCAG AA
for normal text) for each of them, whatever the text size.
"""

from __future__ import annotations

PALETTE: dict[str, str] = {
    "paper": "#ffffff",
    "ink": "#1b1f3b",          # body text
    "muted": "#474c68",        # secondary text (credits, addresses)
    "header": "#1b1f3b",       # title band
    "on-dark": "#ffffff",      # text on the title band and on the pillar colours
    "badge": "#ffd23f",        # call-out in the title band
    "panel": "#eef0f6",        # side panels
    "rule": "#c5c9da",         # hairlines, bubble outlines (not text)
    "prevention": "#00695c",
    "prevention-tint": "#e6f2f0",
    "early-intervention": "#1e4fa0",
    "early-intervention-tint": "#e8eef8",
    "treatment": "#6a1b9a",
    "treatment-tint": "#f2eaf6",
    "harm-reduction": "#a8361a",
    "harm-reduction-tint": "#f8ebe7",
    "warning": "#f2b705",      # warning-triangle icon (not text)
}

AA_NORMAL = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG 2.x)."""
    colour = PALETTE.get(colour, colour).lstrip("#")
    r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two colours (palette names or '#rrggbb')."""
    a, b = luminance(foreground), luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def hex_of(name: str) -> str:
    return PALETTE[name]
