"""The organisation diagram (content/organisation.yaml `diagram`) as an SVG string.

    render_organisation_diagram(org, lang) -> str

One horizontal band per level (Flemish, provincial, local, ...), in the order of the file,
with the level's name in a column on the left and its boxes to the right (in rows when a
band has more boxes than fit side by side). Links are orthogonal arrows: they leave a box
from its bottom (or top), run horizontally in the corridor between two rows of boxes, and
links that skip a row travel along a trunk on the right-hand side. A link with a label gets
a number on its arrow and a line in the legend under the diagram ("n  From › To: label").

Width 800 user units with a viewBox, so the drawing scales down on a phone; role="img" and
a <title> (and <desc>) in the page's language. Labels are wrapped with the font's real
metrics (kennisbank.textlayout); a word too long for a box raises TextOverflowError.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .fonts import FAMILY
from .models import Diagram, DiagramBox
from .scene import Group, fmt, render
from .textlayout import TextOverflowError, font, set_text, text_width, typeset

WIDTH = 800.0
MARGIN = 12.0
LABEL_COL = 104.0  # the level's name
LABEL_GAP = 10.0
BOX_GAP = 26.0
BOX_PAD_X = 8.0
BOX_PAD_Y = 8.0
MIN_BOX_W = 136.0
BAND_PAD = 9.0
TRACK = 10.0  # distance between parallel horizontal runs in a corridor
MIN_CORRIDOR = 26.0
TRUNK = 9.0  # distance between trunks on the right
LABEL_SIZE = 13.5
LEVEL_SIZE = 14.0
LEGEND_SIZE = 13.0
BADGE_R = 8.5
BADGE_SIZE = 10.5
STROKE = 1.5

# Band colours: (band tint, level label colour) from the shared palette.
BAND_COLOURS = (
    ("early-intervention-tint", "early-intervention"),
    ("prevention-tint", "prevention"),
    ("harm-reduction-tint", "harm-reduction"),
    ("treatment-tint", "treatment"),
)


@dataclass
class _Box:
    box: DiagramBox
    band: int
    layer: int
    col: int
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    lines: object = None
    ports: dict = field(default_factory=lambda: {"top": [], "bottom": [], "left": [], "right": []})

    @property
    def cx(self) -> float:
        return self.x + self.w / 2


@dataclass
class _Route:
    index: int  # the link's position in the file
    number: int | None  # its number in the legend (labelled links only)
    points: list = field(default_factory=list)


def _diagram_of(org) -> Diagram:
    return org if isinstance(org, Diagram) else org.diagram


@dataclass
class DiagramDrawing:
    groups: list
    width: float
    height: float
    title: str
    desc: str

    @property
    def runs(self) -> list:
        """Every line of text drawn, with its colours (for the contrast check)."""
        return [run for group in self.groups for run in group.runs]


def render_organisation_diagram(org, lang: str) -> str:
    """SVG of the organisation diagram in `lang` (org: an Organisation or a Diagram)."""
    drawing = layout_diagram(org, lang)
    return render("diagram.svg.j2", width=fmt(drawing.width), height=fmt(drawing.height), title=drawing.title,
                  desc=drawing.desc, lang=lang, font_family=FAMILY, groups=drawing.groups, paper="#ffffff")


def layout_diagram(org, lang: str, block: str = "organisation-diagram") -> DiagramDrawing:
    """The diagram's groups of shapes and text, laid out for `lang`."""
    diagram = _diagram_of(org)
    title = typeset(org.title[lang], lang) if hasattr(org, "title") else "Diagram"
    t = lambda text: typeset(text[lang], lang)  # noqa: E731

    level_word = max(text_width(word, LEVEL_SIZE, True) for level in diagram.levels for word in t(level.label).split())
    label_col = min(max(LABEL_COL, level_word + 16), 160.0)
    area_x0 = MARGIN + label_col + LABEL_GAP
    gutter = 14.0 + 2 * TRUNK
    for _ in range(6):
        rows = _rows(diagram, t, lang, block, area_x0, WIDTH - MARGIN - gutter - area_x0)
        needed = 14.0 + TRUNK * len(rows.trunks) + 4.0
        if needed <= gutter:
            break
        gutter = needed
    layers, band_layers, boxes, segments, trunks = rows.layers, rows.band_layers, rows.boxes, rows.segments, rows.trunks
    port = rows.port
    trunk_x = {index: WIDTH - MARGIN - gutter + 12.0 + TRUNK * k for k, index in enumerate(trunks)}

    # horizontal runs per corridor, to give each its own track
    runs: dict[int, list] = {c: [] for c in range(len(layers) + 1)}
    for index, number, kind, a, b, info in segments:
        if info is None:
            continue
        c_out, c_in, trunk = info
        side_a = "top" if kind == "up" else "bottom"
        side_b = "bottom" if kind in ("up", "loop") else "top"
        xa, xb = port(a, side_a, index), port(b, side_b, index)
        if trunk:
            runs[c_out].append((index, min(xa, trunk_x[index]), max(xa, trunk_x[index])))
            runs[c_in].append((index, min(xb, trunk_x[index]), max(xb, trunk_x[index])))
        else:
            runs[c_out].append((index, min(xa, xb), max(xa, xb)))
    tracks: dict[tuple[int, int], int] = {}
    corridor_tracks: dict[int, int] = {}
    for c, items in runs.items():
        placed: list[list[tuple[float, float]]] = []
        for index, x0, x1 in sorted(items, key=lambda r: (r[2] - r[1], r[1])):
            for t_index, occupied in enumerate(placed):
                if all(x1 + 6 < o0 or x0 - 6 > o1 for o0, o1 in occupied):
                    occupied.append((x0, x1))
                    tracks[(c, index)] = t_index
                    break
            else:
                placed.append([(x0, x1)])
                tracks[(c, index)] = len(placed) - 1
        corridor_tracks[c] = len(placed)

    # -- vertical positions --------------------------------------------------------------------
    f = font(False)
    corridor_top: dict[int, float] = {}
    corridor_h: dict[int, float] = {}
    y = MARGIN
    band_of_layer = {li: bi for bi, lis in enumerate(band_layers) for li in lis}
    for c in range(len(layers) + 1):
        between_bands = c == 0 or c == len(layers) or band_of_layer.get(c) != band_of_layer.get(c - 1)
        need = (corridor_tracks[c] + 1) * TRACK
        minimum = (MIN_CORRIDOR + 2 * BAND_PAD) if between_bands else MIN_CORRIDOR
        if c in (0, len(layers)):
            minimum = BAND_PAD + (need if corridor_tracks[c] else 0) + 4
        h = max(minimum, need + (2 * BAND_PAD if between_bands and 0 < c < len(layers) else 0))
        corridor_top[c], corridor_h[c] = y, h
        y += h
        if c < len(layers):
            for item in layers[c]:
                item.y = y
            y += layers[c][0].h
    diagram_bottom = y

    def track_y(c: int, index: int) -> float:
        n = corridor_tracks[c]
        top, h = corridor_top[c], corridor_h[c]
        return top + h / 2 + (tracks[(c, index)] - (n - 1) / 2) * TRACK

    routes: list[_Route] = []
    for index, number, kind, a, b, info in segments:
        route = _Route(index, number)
        if info is None:
            right = b.col > a.col
            ya = port(a, "right" if right else "left", index)
            yb = port(b, "left" if right else "right", index)
            yy = (ya + yb) / 2
            xa = a.x + a.w if right else a.x
            xb = b.x if right else b.x + b.w
            route.points = [(xa, yy), (xb, yy)]
        else:
            c_out, c_in, trunk = info
            side_a = "top" if kind == "up" else "bottom"
            side_b = "bottom" if kind in ("up", "loop") else "top"
            xa, xb = port(a, side_a, index), port(b, side_b, index)
            ya = a.y if side_a == "top" else a.y + a.h
            yb = b.y if side_b == "top" else b.y + b.h
            if trunk:
                tx = trunk_x[index]
                y1, y2 = track_y(c_out, index), track_y(c_in, index)
                route.points = [(xa, ya), (xa, y1), (tx, y1), (tx, y2), (xb, y2), (xb, yb)]
            else:
                y1 = track_y(c_out, index)
                route.points = [(xa, ya), (xa, y1), (xb, y1), (xb, yb)]
        routes.append(route)

    # -- legend ----------------------------------------------------------------------------------
    legend_top = diagram_bottom + 14.0
    legend_x = MARGIN
    legend_w = WIDTH - 2 * MARGIN - 2 * BADGE_R - 8
    legend_items = []
    ly = legend_top
    for index, link in enumerate(diagram.links):
        if link.label is None:
            continue
        a, b = boxes[link.source], boxes[link.to]
        text = typeset(f"{t(a.box.label)} › {t(b.box.label)}{' :' if lang == 'fr' else ':'} {t(link.label)}", lang)
        par = set_text(text, legend_w, LEGEND_SIZE, leading=1.25)
        if par is None:
            raise TextOverflowError(block, lang, "diagram", f"legend line {text[:40]!r} does not fit")
        legend_items.append((par, ly))
        ly += max(par.height, 2 * BADGE_R) + 6.0
    height = (ly + MARGIN) if legend_items else diagram_bottom + MARGIN

    # -- drawing ---------------------------------------------------------------------------------
    groups: list[Group] = []
    for b_index, level in enumerate(diagram.levels):
        tint, colour = BAND_COLOURS[b_index % len(BAND_COLOURS)]
        lis = band_layers[b_index]
        if not lis:  # a level without boxes draws nothing
            continue
        top = layers[lis[0]][0].y - BAND_PAD
        bottom = layers[lis[-1]][0].y + layers[lis[-1]][0].h + BAND_PAD
        g = Group(f"level-{level.id}", t(level.label))
        g.rect(MARGIN, top, WIDTH - 2 * MARGIN, bottom - top, tint, rx=8)
        par = set_text(t(level.label), label_col - 14, LEVEL_SIZE, bold=True, leading=1.2, breaks="-/")
        if par is None:
            raise TextOverflowError(level.id, lang, "diagram", f"level name {t(level.label)!r} does not fit its column")
        g.paragraph(par, MARGIN + 10, top + (bottom - top - par.height) / 2, colour, tint)
        for li in lis:
            for item in layers[li]:
                bg = Group(f"box-{item.box.id}")
                bg.rect(item.x, item.y, item.w, item.h, "paper", rx=5, stroke=colour, sw=1.4)
                ty = item.y + (item.h - item.lines.height) / 2
                bg.paragraph(item.lines, item.x + item.w / 2, ty, "ink", "paper", anchor="middle")
                g.group(bg)
        groups.append(g)

    links = Group("links")
    for route in routes:
        d = "M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in route.points)
        links.path(d, fill="none", stroke="muted", sw=STROKE)
        (x1, y1), (x2, y2) = route.points[-2], route.points[-1]
        links.path(_arrowhead(x1, y1, x2, y2), fill="muted")
    for route in routes:
        if route.number is None:
            continue
        bx, by = _badge_position(route.points)
        if len(route.points) == 2:  # a short arrow between neighbours: the number sits above it
            by -= BADGE_R + 2.5
        links.circle(bx, by, BADGE_R, "ink", stroke="paper", sw=1.2)
        label = str(route.number)
        links.line(bx, by + f.cap_height * BADGE_SIZE / 2, label, BADGE_SIZE, "on-dark", "ink", bold=True, anchor="middle")
    groups.append(links)

    if legend_items:
        legend = Group("legend")
        number = 0
        for par, top in legend_items:
            number += 1
            cy = top + BADGE_R
            legend.circle(legend_x + BADGE_R, cy, BADGE_R, "ink")
            legend.line(legend_x + BADGE_R, cy + f.cap_height * BADGE_SIZE / 2, str(number), BADGE_SIZE, "on-dark", "ink",
                        bold=True, anchor="middle")
            first_base = par.baselines(0)[0]
            legend.paragraph(par, legend_x + 2 * BADGE_R + 8, cy + f.cap_height * LEGEND_SIZE / 2 - first_base, "ink", "paper")
        groups.append(legend)

    desc = "; ".join(f"{t(level.label)}: " + ", ".join(t(b.label) for b in level.boxes) for level in diagram.levels)
    return DiagramDrawing(groups, WIDTH, height, title, desc)


def _arrowhead(x1: float, y1: float, x2: float, y2: float, length: float = 8.0, half: float = 4.2) -> str:
    """A filled triangle pointing from (x1, y1) to (x2, y2), its tip on (x2, y2)."""
    dx, dy = x2 - x1, y2 - y1
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / norm, dy / norm
    bx, by = x2 - ux * length, y2 - uy * length
    return (f"M{fmt(x2)} {fmt(y2)} L{fmt(bx - uy * half)} {fmt(by + ux * half)} "
            f"L{fmt(bx + uy * half)} {fmt(by - ux * half)} Z")


def _badge_position(points: list) -> tuple[float, float]:
    """Middle of the longest horizontal segment (else of the longest segment)."""
    segments = list(zip(points, points[1:]))
    horizontal = [s for s in segments if abs(s[0][1] - s[1][1]) < 1e-6 and abs(s[0][0] - s[1][0]) > 3 * BADGE_R]
    pool = horizontal or segments
    (x1, y1), (x2, y2) = max(pool, key=lambda s: abs(s[0][0] - s[1][0]) + abs(s[0][1] - s[1][1]))
    return (x1 + x2) / 2, (y1 + y2) / 2


@dataclass
class _Rows:
    layers: list
    band_layers: list
    boxes: dict
    segments: list
    trunks: list

    def port(self, item: _Box, side: str, index: int) -> float:
        """x (top/bottom) or y (left/right) of this link's attachment on a side, spread evenly."""
        entries = sorted(item.ports[side], key=lambda e: (e[1].cx if side in ("top", "bottom") else e[1].y, e[0]))
        k = [e[0] for e in entries].index(index)
        if side in ("top", "bottom"):
            return item.x + item.w * (k + 1) / (len(entries) + 1)
        return item.y + item.h * (k + 1) / (len(entries) + 1)


def _rows(diagram: Diagram, t, lang: str, block: str, area_x0: float, area_w: float) -> _Rows:
    """Boxes in bands and rows (as many per row as the longest word allows), and the links' topology."""
    boxes: dict[str, _Box] = {}
    layers: list[list[_Box]] = []
    band_layers: list[list[int]] = []
    words = {b.id: max((text_width(word, LABEL_SIZE) for word in t(b.label).replace("-", "- ").replace("/", "/ ").split()),
                       default=0.0) for level in diagram.levels for b in level.boxes}
    longest = max(words.values(), default=0.0)
    box_min = max(MIN_BOX_W, longest + 2 * BOX_PAD_X + 1)
    if box_min > area_w:
        worst = max(words, key=words.get)
        raise TextOverflowError(worst, lang, "diagram", f"a word needs {longest:.0f} units, a box has at most "
                                                        f"{area_w - 2 * BOX_PAD_X:.0f}")
    per_row = max(1, int((area_w + BOX_GAP) // (box_min + BOX_GAP)))
    for b_index, level in enumerate(diagram.levels):
        n = len(level.boxes)
        n_rows = max(1, -(-n // per_row))
        size = -(-n // n_rows)
        band_layers.append([])
        for r in range(n_rows):
            row = level.boxes[r * size:(r + 1) * size]
            if not row:
                continue
            layer = [_Box(box, b_index, len(layers), c) for c, box in enumerate(row)]
            band_layers[-1].append(len(layers))
            layers.append(layer)
            for item in layer:
                boxes[item.box.id] = item
    for layer in layers:
        k = len(layer)
        w = min((area_w - (k - 1) * BOX_GAP) / k, 230.0)
        span = k * w + (k - 1) * BOX_GAP
        x = area_x0 + (area_w - span) / 2
        for item in layer:
            item.w, item.x = w, x
            par = set_text(t(item.box.label), w - 2 * BOX_PAD_X, LABEL_SIZE, leading=1.22, breaks="-/")
            if par is None:
                raise TextOverflowError(item.box.id, lang, "diagram", f"{t(item.box.label)!r} does not fit a box of {w:.0f} units")
            item.lines = par
            x += w + BOX_GAP
        h = max(item.lines.height for item in layer) + 2 * BOX_PAD_Y
        for item in layer:
            item.h = h
    segments = []
    trunks: list[int] = []
    numbered = 0
    for index, link in enumerate(diagram.links):
        missing = [i for i in (link.source, link.to) if i not in boxes]
        if missing:
            raise ValueError(f"diagram link {link.source} -> {link.to}: unknown box {', '.join(missing)}")
        a, b = boxes[link.source], boxes[link.to]
        number = None
        if link.label is not None:
            numbered += 1
            number = numbered
        if a.layer == b.layer and abs(a.col - b.col) == 1:
            # neighbours in a row: a straight arrow between their facing sides
            a.ports["right" if b.col > a.col else "left"].append((index, b))
            b.ports["left" if b.col > a.col else "right"].append((index, a))
            segments.append((index, number, "side", a, b, None))
            continue
        if a.layer == b.layer:
            kind, c_out, c_in = "loop", a.layer + 1, a.layer + 1  # via the corridor under the row
            a.ports["bottom"].append((index, b))
            b.ports["bottom"].append((index, a))
        elif b.layer > a.layer:
            kind, c_out, c_in = "down", a.layer + 1, b.layer
            a.ports["bottom"].append((index, b))
            b.ports["top"].append((index, a))
        else:
            kind, c_out, c_in = "up", a.layer, b.layer + 1
            a.ports["top"].append((index, b))
            b.ports["bottom"].append((index, a))
        trunk = c_out != c_in
        if trunk:
            trunks.append(index)
        segments.append((index, number, kind, a, b, (c_out, c_in, trunk)))
    return _Rows(layers, band_layers, boxes, segments, trunks)
