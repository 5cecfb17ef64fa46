"""Load every content file, validate it, and report problems as file:line: path: message."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ValidationError

from . import models as m
from .language import check_headings
from .yamlsource import Located, Problem, YamlError, load

FILES: dict[str, type[BaseModel]] = {
    "vocabularies.yaml": m.Vocabularies,
    "recommendations.yaml": m.RecommendationsFile,
    "glossary.yaml": m.Glossary,
    "findings.yaml": m.Document,
    "conclusions.yaml": m.Document,
    "guide.yaml": m.Guide,
    "organisation.yaml": m.Organisation,
    "ui.yaml": m.UI,
    "headings.yaml": m.Headings,
    "terminology.yaml": m.Terminology,
}


def _poster_model() -> type[BaseModel] | None:
    try:
        from .poster_model import Poster
    except ImportError:
        return None
    return Poster


@dataclass(frozen=True)
class Content:
    vocab: m.Vocabularies
    themes: tuple[m.Theme, ...]
    recommendations: tuple[m.Recommendation, ...]
    glossary: m.Glossary
    findings: m.Document
    conclusions: m.Document
    guide: m.Guide
    organisation: m.Organisation
    poster: BaseModel | None
    ui: m.UI
    headings: m.Headings
    terminology: m.Terminology

    def t(self, key: str, lang: str) -> str:
        return self.ui.strings[key][lang]

    def rec(self, rid: str) -> m.Recommendation:
        return self.recs_by_id[rid]

    def theme(self, tid: str) -> m.Theme:
        return self._themes_by_id[tid]

    @cached_property
    def heading_by_nl(self) -> dict[str, m.Heading]:
        return {h.nl: h for h in self.headings.headings}

    @cached_property
    def recs_by_id(self) -> dict[str, m.Recommendation]:
        return {r.id: r for r in self.recommendations}

    @cached_property
    def _themes_by_id(self) -> dict[str, m.Theme]:
        return {t.id: t for t in self.themes}

    def labels(self, lang: str) -> dict[str, dict[str, str]]:
        """Vocabulary labels in one language: {"level"|"actor"|"topic"|"region": {id: label}}."""
        v = self.vocab
        return {
            key: {item.id: item.label[lang] for item in items}
            for key, items in (("level", v.levels), ("actor", v.actors), ("topic", v.topics), ("region", v.regions))
        }

    def related(self) -> dict[str, list[str]]:
        """Related ids in both directions, in report order."""
        return self._related

    @cached_property
    def _related(self) -> dict[str, list[str]]:
        order = {r.id: i for i, r in enumerate(self.recommendations)}
        links: dict[str, set[str]] = {r.id: set(r.related) for r in self.recommendations}
        for r in self.recommendations:
            for other in r.related:
                if other in links:
                    links[other].add(r.id)
        return {rid: sorted(ids, key=lambda i: order.get(i, 0)) for rid, ids in links.items()}


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} error(s)")

    def report(self, outcome: str) -> None:
        """Print every problem, then the count and what happened because of them, on stderr."""
        import sys

        for problem in self.problems:
            print(problem, file=sys.stderr)
        print(f"{len(self.problems)} error(s){outcome}", file=sys.stderr)


_MESSAGES = {
    "missing": "missing",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a map of keys",
    "model_type": "must be a map of keys",
    "bool_type": "must be true or false",
    "too_short": "must not be empty",
}


def _message(error: dict, model_for_loc) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        allowed = model_for_loc(error["loc"][:-1])
        suffix = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return f"unknown key{suffix}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        allowed = expected.replace("'", "").replace(" or ", ", ")
        return f"{error['input']!r} is not allowed (allowed: {allowed})"
    if kind == "string_pattern_mismatch" and error["ctx"]["pattern"] == m.ID_PATTERN:
        return f"{error['input']!r} is not a valid id (allowed form: {m.ID_FORM})"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} does not have the expected form ({error['ctx']['pattern']})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return _MESSAGES.get(kind, error["msg"])


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Allowed keys of the model that sits at loc (for 'unknown key' messages)."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _inner_model(annotation):
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _parse(located: Located, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p[0].isupper()))
            if error["type"] == "value_error" and loc and loc[-1] in ("p", "list", "table") and "exactly one" in str(error["ctx"]["error"]):
                loc = loc[:-1]
            message = _message(error, lambda at: _fields_at(model, at))
            problems.append(located.problem(loc, message))
        return None, problems


def walk_texts(obj, path=()) -> Iterator[tuple[tuple, m.T]]:
    """Every translated text in a model tree, with its path."""
    if isinstance(obj, m.T):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name, field in type(obj).model_fields.items():
            yield from walk_texts(getattr(obj, name), path + (field.alias or name,))
    elif isinstance(obj, (list, tuple)):
        for index, item in enumerate(obj):
            yield from walk_texts(item, path + (index,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from walk_texts(item, path + (key,))


def _text_problems(located: Located, model: BaseModel) -> list[Problem]:
    problems = []
    for path, text in walk_texts(model):
        for lang in m.LANGS:
            if not text[lang].strip():
                problems.append(located.problem(path + (lang,), "blank translation"))
        for lang in ("fr", "en"):
            if text[lang].strip() and text[lang].strip() == text.nl.strip() and not text.proper_name:
                problems.append(
                    located.problem(path + (lang,), "identical to the Dutch (translate it, or mark the text proper_name: true)")
                )
    return problems


def _ids(located: Located, records, path: tuple, seen: dict[str, tuple]) -> list[Problem]:
    problems = []
    for index, record in enumerate(records):
        here = path + (index, "id")
        if record.id in seen:
            first = located.line_of(seen[record.id])
            problems.append(located.problem(here, f"duplicate id {record.id!r} (first used on line {first})"))
        else:
            seen[record.id] = here
    return problems


def _check_ref(located: Located, path: tuple, value: str, allowed: list[str], what: str) -> list[Problem]:
    if value in allowed:
        return []
    return [located.problem(path, f"unknown {what} {value!r} (allowed: {', '.join(allowed)})")]


def _check_refs(located: Located, path: tuple, values, allowed: list[str], what: str) -> list[Problem]:
    problems = []
    for index, value in enumerate(values):
        if value not in allowed:
            problems.append(
                located.problem(path + (index,), f"unknown {what} {value!r} (allowed: {', '.join(allowed)})")
            )
    return problems


def _check_recommendations(
    located: Located, recs: m.RecommendationsFile, vocab: m.Vocabularies | None, partial: bool = False
) -> list[Problem]:
    problems: list[Problem] = []
    problems += _ids(located, recs.themes, ("themes",), {})
    problems += _ids(located, recs.recommendations, ("recommendations",), {})
    rec_ids = {r.id for r in recs.recommendations}
    themes = {t.id: t for t in recs.themes}
    if vocab is not None:
        levels = [v.id for v in vocab.levels]
        for i, theme in enumerate(recs.themes):
            problems += _check_ref(located, ("themes", i, "level"), theme.level, levels, "level")
    for i, rec in enumerate(recs.recommendations):
        base = ("recommendations", i)
        expected_id = f"{rec.source}-{rec.number}".lower()
        if rec.id != expected_id:
            problems.append(located.problem(base + ("id",), f"must be {expected_id!r} (source-number)"))
        if vocab is not None:
            for key, items in (("actors", vocab.actors), ("topics", vocab.topics), ("regions", vocab.regions)):
                problems += _check_refs(located, base + (key,), getattr(rec, key), [v.id for v in items], key[:-1])
            problems += _check_ref(located, base + ("level",), rec.level, [v.id for v in vocab.levels], "level")
        theme = themes.get(rec.theme)
        if theme is None:
            problems.append(located.problem(base + ("theme",), f"unknown theme {rec.theme!r} (allowed: {', '.join(themes)})"))
        elif theme.level != rec.level and (vocab is None or theme.level in {v.id for v in vocab.levels}):
            problems.append(located.problem(base + ("level",), f"{rec.level!r} differs from its theme's level {theme.level!r}"))
        if partial:
            continue
        if rec.parent is not None:
            problems += _check_parent(located, recs, i)
        for j, other in enumerate(rec.related):
            if other not in rec_ids:
                problems.append(located.problem(base + ("related", j), f"unknown recommendation {other!r}"))
            elif other == rec.id:
                problems.append(located.problem(base + ("related", j), "a recommendation cannot be related to itself"))
    return problems


def _check_parent(located: Located, recs: m.RecommendationsFile, index: int) -> list[Problem]:
    """A parent exists, is not the record itself, is in the same report and theme, and no chain loops."""
    by_id = {r.id: r for r in recs.recommendations}
    rec = recs.recommendations[index]
    here = ("recommendations", index, "parent")
    parent = by_id.get(rec.parent)
    if parent is None:
        return [located.problem(here, f"unknown recommendation {rec.parent!r}")]
    if parent.id == rec.id:
        return [located.problem(here, "a recommendation cannot be its own parent")]
    if parent.source != rec.source:
        return [located.problem(here, f"{parent.id!r} is in the other report ({parent.source}); "
                                      f"a parent must be in the same report ({rec.source})")]
    if parent.theme != rec.theme:
        return [located.problem(here, f"{parent.id!r} is in theme {parent.theme!r}, this recommendation in "
                                      f"{rec.theme!r}; a parent must be in the same theme")]
    chain = [rec.id]
    current = parent
    while current is not None and current.id not in chain:
        chain.append(current.id)
        current = by_id.get(current.parent) if current.parent else None
    if current is not None and current.id == rec.id:
        return [located.problem(here, f"parent cycle: {' -> '.join(chain + [rec.id])}")]
    return []


def _check_guide(located: Located, guide: m.Guide, rec_ids: set[str] | None) -> list[Problem]:
    problems: list[Problem] = []
    problems += _ids(located, guide.categories, ("categories",), {})
    problems += _ids(located, guide.kinds, ("kinds",), {})
    problems += _ids(located, guide.contacts, ("contacts",), {})
    categories = [c.id for c in guide.categories]
    for i, kind in enumerate(guide.kinds):
        problems += _check_ref(located, ("kinds", i, "category"), kind.category, categories, "category")
        if rec_ids is not None:
            for j, rid in enumerate(kind.recommendations):
                if rid not in rec_ids:
                    problems.append(located.problem(("kinds", i, "recommendations", j), f"unknown recommendation {rid!r}"))
    return problems


def _check_diagram(located: Located, org: m.Organisation) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    for i, level in enumerate(org.diagram.levels):
        problems += _ids(located, level.boxes, ("diagram", "levels", i, "boxes"), seen)
    for i, link in enumerate(org.diagram.links):
        for key, value in (("from", link.source), ("to", link.to)):
            if value not in seen:
                problems.append(located.problem(("diagram", "links", i, key), f"unknown box {value!r} (allowed: {', '.join(seen)})"))
    return problems


def _check_glossary(located: Located, glossary: m.Glossary) -> list[Problem]:
    return _ids(located, glossary.terms, ("terms",), {})


def load_content(content_dir: Path, display_root: str = "content", poster_layout: bool = True) -> Content:
    """Load and validate all content; raise ContentError with every problem found.

    poster_layout=False leaves out laying out the poster in every language and size (seconds), for a
    caller that checks it itself (the build, when the posters are not served from its cache).
    """
    from .glyphs import check_diagram, check_poster

    problems: list[Problem] = []
    parsed: dict[str, BaseModel] = {}
    located_files: dict[str, Located] = {}
    files = dict(FILES)
    poster = _poster_model()
    if poster is not None:
        files["poster.yaml"] = poster
    for name, model in files.items():
        try:
            located = load(content_dir / name, f"{display_root}/{name}")
        except YamlError as exc:
            problems += exc.problems
            if exc.located is None:
                continue
            located = exc.located
        located_files[name] = located
        value, found = _parse(located, model)
        problems += found
        if value is not None:
            parsed[name] = value
            problems += _text_problems(located, value)
    vocab = parsed.get("vocabularies.yaml")
    if vocab is not None:
        loc = located_files["vocabularies.yaml"]
        for key in ("levels", "regions", "actors", "topics"):
            problems += _ids(loc, getattr(vocab, key), (key,), {})
    recs = parsed.get("recommendations.yaml")
    if recs is not None:
        problems += _check_recommendations(located_files["recommendations.yaml"], recs, vocab)
    if "guide.yaml" in parsed:
        problems += _check_guide(
            located_files["guide.yaml"], parsed["guide.yaml"], {r.id for r in recs.recommendations} if recs else None
        )
    if "poster.yaml" in parsed and recs is not None and "guide.yaml" in parsed and "findings.yaml" in parsed:
        from .poster_model import related_problems

        problems += related_problems(
            located_files["poster.yaml"], parsed["poster.yaml"], {r.id for r in recs.recommendations},
            {k.id for k in parsed["guide.yaml"].kinds}, {s.id: len(s.blocks) for s in parsed["findings.yaml"].sections},
        )
    if "organisation.yaml" in parsed:
        org_file = located_files["organisation.yaml"]
        problems += _check_diagram(org_file, parsed["organisation.yaml"]) or check_diagram(org_file, parsed["organisation.yaml"])
    if "poster.yaml" in parsed:
        problems += check_poster(located_files["poster.yaml"], parsed["poster.yaml"], layout=poster_layout)
    if "glossary.yaml" in parsed:
        problems += _check_glossary(located_files["glossary.yaml"], parsed["glossary.yaml"])
    problems += check_headings(located_files, parsed.get("headings.yaml"))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (p.file, p.line)))
    return Content(
        vocab=parsed["vocabularies.yaml"],
        themes=tuple(recs.themes),
        recommendations=tuple(recs.recommendations),
        glossary=parsed["glossary.yaml"],
        findings=parsed["findings.yaml"],
        conclusions=parsed["conclusions.yaml"],
        guide=parsed["guide.yaml"],
        organisation=parsed["organisation.yaml"],
        poster=parsed.get("poster.yaml"),
        ui=parsed["ui.yaml"],
        headings=parsed["headings.yaml"],
        terminology=parsed["terminology.yaml"],
    )


def model_for(path: Path) -> type[BaseModel] | None:
    name = path.name
    if name.startswith("recommendations"):
        return m.RecommendationsFile
    if name == "poster.yaml":
        return _poster_model() or m.Model
    return FILES.get(name)


def check_file(path: Path, vocab: m.Vocabularies | None) -> list[Problem]:
    """Structure and translation checks of one file, for writers working on a part."""
    model = model_for(path)
    if model is None:
        known = ", ".join(list(FILES) + ["poster.yaml", "recommendations*.yaml"])
        return [Problem(str(path), 1, "", f"not a content file name (allowed: {known})")]
    try:
        located, problems = load(path), []
    except YamlError as exc:
        if exc.located is None:
            return exc.problems
        located, problems = exc.located, exc.problems
    value, found = _parse(located, model)
    problems += found
    if value is not None:
        problems += _text_problems(located, value)
        if isinstance(value, m.RecommendationsFile):
            problems += _check_recommendations(located, value, vocab, partial=True)
        from .glyphs import check_diagram, check_poster

        if path.name == "poster.yaml":
            problems += check_poster(located, value)
        if isinstance(value, m.Organisation):
            problems += _check_diagram(located, value) or check_diagram(located, value)
    return problems


def main(argv: list[str]) -> int:
    import sys

    root = Path(__file__).resolve().parent.parent
    content_dir = root / "content"
    if argv[:1] == ["--content"] and len(argv) == 2:
        content_dir, argv = Path(argv[1]), []
    if not argv:
        try:
            content = load_content(content_dir)
        except ContentError as exc:
            exc.report("")
            return 1
        print(f"ok: {len(content.recommendations)} recommendations, {len(content.guide.kinds)} kinds of help")
        return 0
    try:
        vocab = m.Vocabularies.model_validate(load(root / "content" / "vocabularies.yaml").data)
    except (YamlError, ValidationError):
        print("content/vocabularies.yaml has errors: run scripts/check-content without arguments", file=sys.stderr)
        vocab = None
    count = 0
    for arg in argv:
        for problem in check_file(Path(arg), vocab):
            print(problem, file=sys.stderr)
            count += 1
    print(f"{count} error(s)" if count else "ok", file=sys.stderr if count else sys.stdout)
    return 1 if count else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
