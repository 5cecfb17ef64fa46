"""The poster (the DRUGINT infographic "Druggebruik?") as a content model: content/poster.yaml."""

from __future__ import annotations

import re

from pydantic import Field, model_validator

from .models import Cite, Id, Model, T

# Site pages a QR code may point to (settings.page_url(lang, page)).
HELP_KINDS = (
    "informal-care", "street-work", "primary-care", "msoc", "day-centres", "cgg", "day-treatment",
    "homeless-services", "cic", "epsi", "paaz", "pz", "tg", "sheltered-housing",
)
SITE_PAGES = ("index", "contacts", "recommendations", "help/index", "findings", "poster", "glossary", "sources", "practice") + tuple(
    f"help/{kind}" for kind in HELP_KINDS
)


class Link(Model):
    """A "Meer weten?" target, printed as a QR code with its short address under it.

    Either `page` (a page of this site, in the poster's language) or `url` (an external
    resource the source names) with the `short` address that is printed.
    """

    page: str | None = None
    url: str | None = Field(default=None, pattern=r"^https://[^\s]+$")
    short: str | None = None
    label: T

    @model_validator(mode="after")
    def _one_target(self) -> "Link":
        if (self.page is None) == (self.url is None):
            raise ValueError("a link has exactly one of the keys page, url")
        if self.page is not None:
            if self.page not in SITE_PAGES:
                raise ValueError(f"unknown page {self.page!r} (allowed: {', '.join(SITE_PAGES)})")
            if self.short is not None:
                raise ValueError("short is only for external urls (a site page prints its own address)")
        elif not self.short:
            raise ValueError("an external url needs the short address that is printed under its code")
        return self


class FindingRef(Model):
    """Blocks of a findings.yaml section (DRUGINT), shown by reference on the practice page."""

    section: Id
    blocks: list[int] = Field(min_length=1)  # positions in the section's blocks, counting from 1


class Related(Model):
    """What a block concerns, by id: shown as links on the practice page (never on the poster)."""

    recommendations: list[Id] = Field(default_factory=list)
    kinds: list[Id] = Field(default_factory=list)
    findings: list[FindingRef] = Field(default_factory=list)


class Labels(Model):
    warnings: T  # "Opgelet!"
    tips: T  # "Tips"
    more: T  # "Meer weten?"
    credit: T  # footer: where the poster comes from


class Pillar(Model):
    """One of the four pillars: prevention, early intervention, treatment, harm reduction."""

    id: Id
    cite: Cite
    title: T
    definition: T
    points: list[T] = Field(min_length=1)
    warnings: list[T] = Field(min_length=1)
    tips: list[T] = Field(min_length=1)
    more: list[Link] = Field(min_length=1, max_length=2)
    related: Related = Field(default_factory=Related)


class SectionLink(Model):
    """A panel's QR code: a section of a page of this site (page + anchor), in the poster's
    language, with an optional short line that sends the reader there."""

    page: str
    anchor: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    label: T | None = None

    @model_validator(mode="after")
    def _known_page(self) -> "SectionLink":
        if self.page not in SITE_PAGES:
            raise ValueError(f"unknown page {self.page!r} (allowed: {', '.join(SITE_PAGES)})")
        return self


class Panel(Model):
    """A side panel: a title and/or paragraphs, or a set of conversation-opening questions."""

    id: Id
    cite: Cite
    title: T | None = None
    paragraphs: list[T] = Field(default_factory=list)
    questions: list[T] = Field(default_factory=list)
    related: Related = Field(default_factory=Related)
    more: SectionLink | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "Panel":
        if self.title is None and not self.paragraphs and not self.questions:
            raise ValueError("a panel needs a title, paragraphs or questions")
        return self


class Footer(Model):
    page: str
    label: T

    @model_validator(mode="after")
    def _known_page(self) -> "Footer":
        if self.page not in SITE_PAGES:
            raise ValueError(f"unknown page {self.page!r} (allowed: {', '.join(SITE_PAGES)})")
        return self


PANEL_IDS = (
    "quick-wins", "professional-secrecy", "transfer-or-time-out", "conversation-openers",
    "basic-training", "infomed-infosoc",
)
PILLAR_IDS = ("prevention", "early-intervention", "treatment", "harm-reduction")


class Poster(Model):
    id: Id
    title: T
    cite: Cite
    labels: Labels
    pillars: list[Pillar]
    panels: list[Panel]
    footer: Footer

    @model_validator(mode="after")
    def _blocks(self) -> "Poster":
        ids = [p.id for p in self.pillars] + [p.id for p in self.panels]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate block id(s): {', '.join(duplicates)}")
        if [p.id for p in self.pillars] != list(PILLAR_IDS):
            raise ValueError(f"the pillars are, in this order: {', '.join(PILLAR_IDS)}")
        if sorted(p.id for p in self.panels) != sorted(PANEL_IDS):
            raise ValueError(f"the panels are: {', '.join(PANEL_IDS)}")
        for i in ids:
            if not re.fullmatch(r"[a-z0-9][a-z0-9.-]*", i):
                raise ValueError(f"id {i!r}: use lowercase a-z, 0-9, '.', '-'")
        return self

    def panel(self, pid: str) -> Panel:
        return next(p for p in self.panels if p.id == pid)

    def blocks(self, lang: str) -> dict[str, list[str]]:
        """Every text of the poster in one language, per block id (for the poster's tests)."""
        out: dict[str, list[str]] = {"title": [self.title[lang]]}
        for pillar in self.pillars:
            texts = [pillar.title[lang], pillar.definition[lang]]
            texts += [t[lang] for t in pillar.points + pillar.warnings + pillar.tips]
            texts += [link.label[lang] for link in pillar.more]
            out[pillar.id] = texts
        for panel in self.panels:
            texts = [panel.title[lang]] if panel.title else []
            texts += [t[lang] for t in panel.paragraphs + panel.questions]
            out[panel.id] = texts + ([panel.more.label[lang]] if panel.more and panel.more.label else [])
        out["footer"] = [self.footer.label[lang], self.labels.credit[lang]]
        return out


def related_problems(located, poster: Poster, rec_ids: set[str], kind_ids: set[str], findings: dict[str, int]) -> list:
    """Every `related` id must name an existing recommendation, kind of help or findings section and block.

    findings: the number of blocks of each findings.yaml section, by section id."""
    problems = []
    allowed = {"recommendations": rec_ids, "kinds": kind_ids}
    what = {"recommendations": "recommendation", "kinds": "kind of help"}
    for group, blocks in (("pillars", poster.pillars), ("panels", poster.panels)):
        for i, block in enumerate(blocks):
            for j, ref in enumerate(block.related.findings):
                here = (group, i, "related", "findings", j)
                if ref.section not in findings:
                    problems.append(located.problem(here + ("section",), f"unknown findings section {ref.section!r} (allowed: {', '.join(findings)})"))
                    continue
                for k, number in enumerate(ref.blocks):
                    if not 1 <= number <= findings[ref.section]:
                        problems.append(located.problem(here + ("blocks", k), f"section {ref.section!r} has blocks 1 to {findings[ref.section]}, not {number}"))
            for key, ids in allowed.items():
                values = getattr(block.related, key)
                for j, value in enumerate(values):
                    if value not in ids:
                        problems.append(located.problem((group, i, "related", key, j), f"unknown {what[key]} {value!r}"))
                    elif values.index(value) != j:
                        problems.append(located.problem((group, i, "related", key, j), f"{value!r} is listed twice"))
    return problems


PosterModel = Poster
