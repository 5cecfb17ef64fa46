"""Checks that keep French and English in their own words: translated source headings, terminology."""

from __future__ import annotations

from typing import Iterator

from . import models as m
from .yamlsource import Located, Problem


def cites(data: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path of the section key, heading) of every `cite` in a parsed file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "cite" and isinstance(value, dict) and isinstance(value.get("section"), str):
                yield path + (key, "section"), value["section"]
            else:
                yield from cites(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from cites(value, path + (index,))


def check_headings(files: dict[str, Located], headings: m.Headings | None) -> list[Problem]:
    """Every cited source heading has a French and English rendering in headings.yaml."""
    if headings is None:
        return []
    known = {h.nl for h in headings.headings}
    problems = []
    for name, located in files.items():
        for path, section in cites(located.data):
            if section not in known:
                problems.append(located.problem(path, f"heading {section!r} is not in content/headings.yaml (add it with its fr and en rendering)"))
    return problems
