"""The content model: one pydantic class per kind of record, unknown keys rejected."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

LANGS = ("nl", "fr", "en")
ID_PATTERN = r"^[a-z0-9][a-z0-9.-]*$"
ID_FORM = "lowercase letters a-z, digits 0-9, '.' and '-', starting with a letter or digit, e.g. drugint-6.4"
# Every id and every reference to one: ids become file names, anchors and attributes.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class T(Model):
    """A text in Dutch, French and English."""

    nl: str
    fr: str
    en: str
    proper_name: bool = False

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Cite(Model):
    section: str
    point: str | None = None


class Table(Model):
    caption: T | None = None
    header: list[T]
    rows: list[list[T]]

    @model_validator(mode="after")
    def _rows_match_header(self) -> "Table":
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(f"row {index} has {len(row)} cells, the header has {len(self.header)}")
        return self


TextList = list[T]


class Block(Model):
    p: T | None = None
    list: TextList | None = None
    table: Table | None = None

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data):
        if isinstance(data, dict) and len([k for k in ("p", "list", "table") if k in data]) != 1:
            raise ValueError("a block has exactly one of the keys p, list, table")
        return data


class Section(Model):
    id: Id
    heading: T
    cite: Cite | None = None
    blocks: list[Block]


class Document(Model):
    title: T
    lead: T
    cite: Cite
    sections: list[Section]


class VocabItem(Model):
    id: Id
    label: T
    description: T | None = None


class Vocabularies(Model):
    levels: list[VocabItem]
    regions: list[VocabItem]
    actors: list[VocabItem]
    topics: list[VocabItem]


Source = Literal["drugint", "matremi"]


class Theme(Model):
    id: Id
    source: Source
    number: str
    level: Id
    section: T
    title: T
    intro: list[Block] = Field(default_factory=list)
    cite: Cite


class Recommendation(Model):
    id: Id
    source: Source
    number: str
    parent: Id | None = None
    theme: Id
    level: Id
    text: T
    actors: list[Id] = Field(min_length=1)
    topics: list[Id] = Field(min_length=1)
    regions: list[Id] = Field(min_length=1)
    related: list[Id] = Field(default_factory=list)
    cite: Cite


class RecommendationsFile(Model):
    themes: list[Theme]
    recommendations: list[Recommendation]


class Match(Model):
    nl: list[str] = Field(min_length=1)
    fr: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)


class GlossaryTerm(Model):
    id: Id
    abbr: T | None = None
    expansion: T
    definition: T
    match: Match


class Glossary(Model):
    terms: list[GlossaryTerm]


NOT_STATED = "not-stated"


class _Attribute(Model):
    basis: T | None = None

    @model_validator(mode="before")
    @classmethod
    def _not_stated(cls, data):
        if isinstance(data, dict) and data.get("value") == NOT_STATED:
            data = {k: v for k, v in data.items() if k != "value"}
        return data

    @property
    def stated(self) -> bool:
        return getattr(self, "value") not in (None, [])


class ChoiceThreshold(_Attribute):
    value: Literal["low", "high", "low-and-high"] | None = None


class ChoiceSetting(_Attribute):
    value: Literal["ambulant", "semi-residential", "residential"] | None = None


class ChoiceSpecialisation(_Attribute):
    value: Literal["categorial", "general"] | None = None


class ChoiceYesNo(_Attribute):
    value: Literal["yes", "no"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _yaml_booleans(cls, data):
        # YAML 1.1 reads an unquoted yes/no as a boolean.
        if isinstance(data, dict) and isinstance(data.get("value"), bool):
            data = dict(data, value="yes" if data["value"] else "no")
        return data


class TextAttribute(_Attribute):
    value: T | None = None


Function = Literal["crisis-care", "detoxification", "observation-diagnosis", "motivation", "reintegration", "aftercare"]


class FunctionsAttribute(_Attribute):
    value: list[Function] = Field(default_factory=list)


class Attributes(Model):
    threshold: ChoiceThreshold
    setting: ChoiceSetting
    specialisation: ChoiceSpecialisation
    target_group: TextAttribute
    substitution: ChoiceYesNo
    abstinence_required: ChoiceYesNo
    length: TextAttribute
    functions: FunctionsAttribute


class Category(Model):
    id: Id
    label: T
    description: T


class Kind(Model):
    id: Id
    category: Id
    name: T
    summary: T
    blocks: list[Block]
    cite: Cite
    attributes: Attributes
    access: list[Block]
    recommendations: list[Id] = Field(default_factory=list)


class Contact(Model):
    id: Id
    name: T
    phone: str | None = Field(default=None, pattern=r"^0\d{1,3}( \d{2,3})+$")
    note: T


class GuideIntro(Model):
    title: T
    lead: T
    cite: Cite
    blocks: list[Block]


class Guide(Model):
    intro: GuideIntro
    categories: list[Category]
    kinds: list[Kind]
    contacts: list[Contact]


class DiagramBox(Model):
    id: Id
    label: T


class DiagramLevel(Model):
    id: Id
    label: T
    boxes: list[DiagramBox]


class DiagramLink(Model):
    source: Id = Field(alias="from")
    to: Id
    label: T | None = None


class Diagram(Model):
    levels: list[DiagramLevel]
    links: list[DiagramLink] = Field(default_factory=list)


class Organisation(Document):
    diagram: Diagram


class UI(Model):
    strings: dict[str, T]


class Heading(Model):
    """A section heading of a source, as printed (nl), with its French and English rendering."""

    nl: str
    fr: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


class Headings(Model):
    headings: list[Heading]


class TermForms(Model):
    fr: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)


class SectorTerm(Model):
    id: Id
    nl: list[str] = Field(min_length=1)
    fr: list[str] = Field(min_length=1)
    en: list[str] = Field(min_length=1)
    wrong: TermForms = Field(default_factory=TermForms)
    note: str | None = None


class Terminology(Model):
    terms: list[SectorTerm]
    calques: TermForms
    dutch_names: list[str] = Field(default_factory=list)
