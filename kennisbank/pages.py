"""Generate the Markdown pages of every language from the content."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import csvsafe
from . import models as m
from .content import Content
from .paths import inside
from .render import environment, md_text, squeeze
from .posters import SIZES as POSTER_SHEETS
from .settings import LANGS, SITE_URL

REPORTS = {"drugint": "DRUGINT", "matremi": "MATREMI"}
ATTR_KEYS = ("threshold", "setting", "specialisation", "target_group", "substitution", "abstinence_required", "length", "functions")
POSTER_SIZES = ("a4", "a3", "a2")
COLLAPSED_FACETS = ("actor", "topic")  # many values: the most used first, the rest behind "Show all"
FACET_TOP = 6
VIEW_ACTORS = ("reception-centres", "fedasil", "drug-services", "federal-government", "regions", "spoc", "medical-services", "social-workers")


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: list
    help: str = ""
    top: int = 0  # values shown before "Show all"; 0: all




def _ui(content: Content, lang: str) -> dict[str, str]:
    return {key: text[lang] for key, text in content.ui.strings.items()}


def facets(content: Content, lang: str) -> list[Facet]:
    """Filter facets with the values that occur, in vocabulary order, and their counts."""
    ui = _ui(content, lang)
    labels = dict(content.labels(lang), source=REPORTS)
    recs = content.recommendations
    out = []
    for key, field, order in (
        ("source", "source", list(REPORTS)),
        ("level", "level", [i.id for i in content.vocab.levels]),
        ("actor", "actors", [i.id for i in content.vocab.actors]),
        ("topic", "topics", [i.id for i in content.vocab.topics]),
        ("region", "regions", [i.id for i in content.vocab.regions]),
    ):
        counts: dict[str, int] = {}
        for rec in recs:
            values = getattr(rec, field)
            for value in [values] if isinstance(values, str) else values:
                counts[value] = counts.get(value, 0) + 1
        values = [{"id": v, "label": labels[key][v], "count": counts[v]} for v in order if v in counts]
        top = 0
        if key in COLLAPSED_FACETS and len(values) > FACET_TOP:
            values.sort(key=lambda v: -v["count"])
            top = FACET_TOP
        out.append(Facet(key, ui[f"facet_{key}"], values, ui.get(f"facet_help_{key}", ""), top))
    return out


def glossary_letters(terms: list[m.GlossaryTerm], lang: str) -> list[tuple[str, list[m.GlossaryTerm]]]:
    """The terms by first letter of their name in the language, accents and case ignored."""
    import unicodedata

    def key(term: m.GlossaryTerm) -> str:
        name = (term.abbr or term.expansion)[lang]
        return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)).casefold()

    groups: dict[str, list[m.GlossaryTerm]] = {}
    for term in sorted(terms, key=key):
        first = key(term)[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(term)
    return list(groups.items())


def common_pairs(content: Content) -> list[tuple[m.Recommendation, m.Recommendation]]:
    related = content.related()
    recs = content.recs_by_id
    pairs = []
    for rec in content.recommendations:
        if rec.source != "drugint":
            continue
        for other in related[rec.id]:
            if recs[other].source == "matremi":
                pairs.append((rec, recs[other]))
    return pairs


def attr_value_fn(ui: dict[str, str], lang: str):
    def attr_value(kind: m.Kind, key: str) -> str:
        attr = getattr(kind.attributes, key)
        if not attr.stated:
            return ui["v_not-stated"]
        if key == "functions":
            return ", ".join(ui[f"v_{f}"] for f in attr.value)
        if isinstance(attr.value, m.T):
            return attr.value[lang]
        return ui[f"v_{attr.value}"]

    return attr_value


_ABBR_IN_TITLE = re.compile(r"\(([A-Z][A-Z0-9&/-]{1,10})\)")


def short_title(title: str, short: str | None) -> str:
    """The label of a page in the footer's previous/next links: the given short title, else the
    abbreviation a long title carries in brackets, else the title."""
    if short:
        return short
    found = _ABBR_IN_TITLE.search(title)
    if len(title) > 28 and found:
        return found.group(1)
    return title


def with_short_title(text: str, short: str) -> str:
    """Add short_title to the page's front matter (JSON is valid YAML: the value stays data)."""
    line = f"short_title: {json.dumps(short, ensure_ascii=False)}\n"
    if text.startswith("---\n"):
        return "---\n" + line + text[4:]
    return "---\n" + line + "---\n" + text


def _write(path: Path, text: str) -> None:
    """Write only when the text changed, so that a live-reload server sees real changes only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _sync_hand_written(docs_src: Path, out: Path) -> set[Path]:
    kept = set()
    for src in docs_src.rglob("*"):
        if src.is_file():
            target = out / src.relative_to(docs_src)
            if not target.exists() or target.read_bytes() != src.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target)
            kept.add(target)
    return kept


def generate(content: Content, docs_src: Path, out: Path, diagrams: dict[str, str], poster_preview: tuple[int, int]) -> dict[str, list[str]]:
    """Write hand-written and generated pages into out/<lang>/; return the page list per language."""
    kept = _sync_hand_written(docs_src, out)
    recs = content.recs_by_id
    related = content.related()
    by_theme: dict[str, list[m.Recommendation]] = {t.id: [] for t in content.themes}
    for rec in content.recommendations:
        by_theme[rec.theme].append(rec)
    kinds_by_cat: dict[str, list[m.Kind]] = {c.id: [] for c in content.guide.categories}
    for kind in content.guide.kinds:
        kinds_by_cat[kind.category].append(kind)
    categories = {c.id: c for c in content.guide.categories}
    for lang in LANGS:
        ui = _ui(content, lang)
        env = environment(lang, ui, content.heading_by_nl)
        labels = content.labels(lang)
        attr_value = attr_value_fn(ui, lang)
        common = dict(ui=ui, reports=REPORTS, recs=recs, lang=lang, langs=LANGS)
        root = "" if lang == "nl" else "../"
        base = out / lang

        def page(name: str, template: str, short: str | None = None, **kw) -> None:
            text = env.get_template(template).render(**common, **kw)
            _write(inside(out, base / name), with_short_title(text, short) if short else text)
            kept.add(base / name)

        views = [
            {"hash": f"actor={a}", "label": f"{ui['facet_actor']}: {labels['actor'][a]}", "short": labels["actor"][a]}
            for a in VIEW_ACTORS if a in labels["actor"]
        ] + [{"hash": f"level={lv.id}", "label": f"{ui['facet_level']}: {lv.label[lang]}"} for lv in content.vocab.levels]
        page(
            "recommendations.md",
            "recommendations.md.j2",
            facets=facets(content, lang),
            total=len(recs),
            views=views,
            root=root,
            themes=content.themes,
            by_theme=by_theme,
            labels=labels,
            related=related,
            page_path=f"{'' if lang == 'nl' else lang + '/'}recommendations.html",
            site_url=SITE_URL,
            csv_formula=csvsafe.as_data(),
        )
        page("common.md", "common.md.j2", short=ui["short_common"], pairs=common_pairs(content))
        page("findings.md", "document.md.j2", doc=content.findings, report_name="DRUGINT", extra_html="")
        page("conclusions.md", "document.md.j2", doc=content.conclusions, report_name="MATREMI", extra_html="")
        diagram = Markup(
            '<figure class="kb-diagram"><div class="kb-diagram-scroll" tabindex="0" role="region" aria-label="{0}">{1}</div>'
            "<figcaption>{0}</figcaption></figure>"
        ).format(ui["organisation_diagram"], Markup(diagrams[lang]))
        page(
            "organisation.md",
            "document.md.j2",
            short=ui["short_organisation"],
            doc=content.organisation,
            report_name="VAD (2013)",
            extra_html=Markup("## {} {{ #diagram }}\n\n").format(md_text(ui["organisation_diagram"])) + Markup(squeeze(str(diagram))),
        )
        others = [x for x in LANGS if x != lang]
        page("glossary.md", "glossary.md.j2", letters=glossary_letters(content.glossary.terms, lang), others=others)
        compare = env.get_template("compare.html.j2").render(
            **common, kinds=content.guide.kinds, attr_keys=ATTR_KEYS, attr_value=attr_value
        )
        contacts = env.get_template("contacts.html.j2").render(**common, contacts=content.guide.contacts)
        page(
            "help/index.md",
            "help_index.md.j2",
            short=ui["help_title"],
            guide=content.guide,
            kinds_by_cat=kinds_by_cat,
            compare_table=Markup(compare),
            contacts=Markup(contacts),
        )
        for kind in content.guide.kinds:
            page(
                f"help/{kind.id}.md",
                "kind.md.j2",
                short=short_title(kind.name[lang], ui.get(f"short_help_{kind.id}")),
                kind=kind,
                category=categories[kind.category],
                attr_keys=ATTR_KEYS,
                attr_value=attr_value,
            )
        page(
            "index.md",
            "home.md.j2",
            actor_views=[v for v in views if v["hash"].startswith("actor=")],
            level_views=[
                {"hash": f"level={lv.id}", "label": lv.label[lang]} for lv in content.vocab.levels
            ],
            findings_title=content.findings.title[lang],
            conclusions_title=content.conclusions.title[lang],
            organisation_title=content.organisation.title[lang],
        )
        page(
            "practice.md",
            "practice.md.j2",
            poster=content.poster,
            findings={sec.id: sec for sec in content.findings.sections},
            kinds={k.id: k for k in content.guide.kinds},
        )
        page("contacts.md", "contacts.md.j2", contacts=content.guide.contacts, guide=content.guide)
        page(
            "poster.md",
            "poster.md.j2",
            short=ui["short_poster"],
            root=root,
            sizes=POSTER_SIZES,
            poster_sides={name: page.sides for name, page in POSTER_SHEETS.items()},
            site_url=SITE_URL,
            preview_width=poster_preview[0],
            preview_height=poster_preview[1],
        )
    for stale in [p for p in out.rglob("*") if p.is_file() and p not in kept]:
        stale.unlink()
    return {lang: sorted(str(p.relative_to(out / lang)) for p in (out / lang).rglob("*.md")) for lang in LANGS}
