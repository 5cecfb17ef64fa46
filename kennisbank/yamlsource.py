"""YAML loading that remembers the line of every key and list item."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


@dataclass
class Located:
    """Parsed data of one file plus the line of each path in it."""

    file: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1

    def problem(self, path: Path_, message: str) -> Problem:
        return Problem(self.file, self.line_of(path), format_path(path), message)


class YamlError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _construct(node: yaml.Node, path: Path_, lines: dict, problems: list, file: str):
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_node.start_mark.line + 1, format_path(path), "keys must be plain words"))
                continue
            key = key_node.value
            if key in out:
                problems.append(Problem(file, key_node.start_mark.line + 1, format_path(path + (key,)), "duplicate key"))
                continue
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _construct(value_node, path + (key,), lines, problems, file)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(_construct(item, path + (index,), lines, problems, file))
        return items
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    return _CONSTRUCTOR.construct_object(node, deep=True)


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path, display: str | None = None) -> Located:
    """Parse one YAML file; raise YamlError with file:line problems."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlError([Problem(name, 1, "", "file is missing")]) from None
    except UnicodeDecodeError as exc:
        raise YamlError([Problem(name, 1, "", f"not UTF-8 text ({exc.reason})")]) from None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}: {what}"
        raise YamlError([Problem(name, line, "", f"YAML syntax error: {what}")]) from None
    if root is None:
        raise YamlError([Problem(name, 1, "", "file is empty")])
    lines: dict[Path_, int] = {(): root.start_mark.line + 1}
    problems: list[Problem] = []
    data = _construct(root, (), lines, problems, name)
    _CONSTRUCTOR.constructed_objects.clear()
    if problems:
        raise YamlError(problems)
    return Located(name, data, lines)
