"""YAML loading that remembers the line of every key and list item.

Before parsing: invalid UTF-8 and control characters are reported with their line (and byte or column),
aliases, anchors, tags and deep nesting are refused from the parser's events, so nothing is ever expanded.
Every text is normalised to NFC."""

from __future__ import annotations

import re
import unicodedata
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
    """Problems of one file; `located` is the data when only its characters were wrong (to be checked further)."""

    def __init__(self, problems: list[Problem], located: "Located | None" = None):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
        self.located = located


MAX_DEPTH = 20  # the content nests at most 9 levels; deeper is a mistake (or an attack)
PDF_HINT = "text copied from a PDF or Word often carries such characters; delete it or type a space"
_C0 = ("NUL SOH STX ETX EOT ENQ ACK BEL BACKSPACE TAB LF VT FORM-FEED CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB "
       "CAN EM SUB ESC FS GS RS US").split()
# Control characters (tab and line feed are ordinary text), DEL, C1 controls, and the line and paragraph
# separators, which YAML counts as line breaks while editors do not.
_BAD_CHAR = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def char_name(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        name = _C0[code].replace("-", " ")
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = "C1 CONTROL"
    else:
        name = unicodedata.name(char, "UNNAMED")
    return f"U+{code:04X} ({name})"


@dataclass
class _Mark:
    line: int
    message: str


def _decode(data: bytes) -> tuple[str, list[_Mark]]:
    """The text with every invalid byte replaced by U+FFFD, and one mark per invalid byte sequence."""
    marks: list[_Mark] = []
    parts: list[str] = []
    start = 0
    while True:
        try:
            parts.append(data[start:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            bad = start + exc.start
            parts.append(data[start:bad].decode("utf-8"))
            line_start = data.rfind(b"\n", 0, bad) + 1
            line = data.count(b"\n", 0, bad) + 1
            column = len(data[line_start:bad].decode("utf-8", errors="replace")) + 1
            shown = " ".join(f"0x{b:02X}" for b in data[bad:start + exc.end])
            marks.append(_Mark(line, f"byte {shown} at byte offset {bad} (column {column}) is not UTF-8 "
                                     "(save the file as UTF-8)"))
            parts.append("\ufffd")
            start += exc.end
    text = "".join(parts)
    return text[1:] if text.startswith("\ufeff") else text, marks


def _clean(text: str) -> tuple[str, list[_Mark]]:
    """Line breaks as \\n, every forbidden character replaced by a space, one mark per character."""
    text = text.replace("\r\n", "\n")
    marks = []
    for index, line in enumerate(text.split("\n")):
        for match in _BAD_CHAR.finditer(line):
            marks.append(_Mark(index + 1, f"control character {char_name(match.group())} at column {match.start() + 1} "
                                          f"({PDF_HINT})"))
    return _BAD_CHAR.sub(" ", text), marks


def _structure(text: str, name: str) -> list[Problem]:
    """Aliases, anchors, tags and runaway nesting, found from the parser's events before anything is built."""
    problems = []
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(name, line, "", f"YAML alias *{event.anchor} is not allowed in content "
                                                    "(write the value out in full)"))
            return problems
        if getattr(event, "anchor", None):
            problems.append(Problem(name, line, "", f"YAML anchor &{event.anchor} is not allowed in content "
                                                    "(write the value out in full)"))
        if getattr(event, "tag", None) and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            problems.append(Problem(name, line, "", f"YAML tag {event.tag} is not allowed in content"))
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(name, line, "", f"nested more than {MAX_DEPTH} levels deep "
                                                        "(look for unclosed [ or { brackets)"))
                return problems
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return problems


def _open_quote(text: str, error_line: int) -> int | None:
    """The line of a quoted text that runs over several lines before the error: most likely an unclosed quote."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if token.start_mark.line + 1 > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.start_mark.line != token.end_mark.line:
                found = token.start_mark.line + 1
    except yaml.YAMLError:
        pass
    return found


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = exc.problem or "invalid YAML"
    if exc.context:
        what = f"{exc.context}: {what}"
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        quote_line = exc.context_mark.line + 1
    elif exc.context in ("while parsing a flow sequence", "while parsing a flow mapping") and exc.context_mark is not None:
        return Problem(name, exc.context_mark.line + 1, "", f"YAML syntax error: {what} (the bracket opens on this line)")
    else:
        quote_line = _open_quote(text, line)
    if quote_line is not None and quote_line != line:
        return Problem(name, quote_line, "", f"YAML syntax error: the quote opened on this line is not closed on it "
                                             f"(the parser stopped on line {line}: {what})")
    return Problem(name, line, "", f"YAML syntax error: {what}")


def _construct(node: yaml.Node, path: Path_, lines: dict, problems: list, file: str):
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_node.start_mark.line + 1, format_path(path), "keys must be plain words"))
                continue
            key = unicodedata.normalize("NFC", key_node.value)
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
        value = unicodedata.normalize("NFC", node.value)
        for match in _BAD_CHAR.finditer(value):  # written as an escape ("\f", "\x00"): the raw ones are found before
            problems.append(Problem(file, node.start_mark.line + 1, format_path(path),
                                    f"control character {char_name(match.group())} at character {match.start() + 1} "
                                    f"of the text ({PDF_HINT})"))
        return value
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        problems.append(Problem(file, node.start_mark.line + 1, format_path(path), f"not a valid value ({getattr(exc, 'problem', exc)})"))
        return None


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _key_at(lines: dict[Path_, int], line: int) -> str:
    """The key whose value runs over `line`: the last key or item that starts on it or before it."""
    best: Path_ = ()
    best_line = 0
    for path, start in lines.items():
        if start <= line and (start > best_line or (start == best_line and len(path) > len(best))):
            best, best_line = path, start
    return format_path(best)


def load(path: Path, display: str | None = None) -> Located:
    """Parse one YAML file; raise YamlError with file:line problems."""
    name = display or str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlError([Problem(name, 1, "", "file is missing")]) from None
    except OSError as exc:
        raise YamlError([Problem(name, 1, "", f"cannot be read ({exc.strerror})")]) from None
    text, marks = _decode(data)
    text, char_marks = _clean(text)
    marks += char_marks
    try:
        problems = _structure(text, name)
        if problems:
            raise YamlError(problems)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise YamlError([Problem(name, m.line, "", m.message) for m in marks] + [_syntax_problem(exc, text, name)]) from None
    except yaml.YAMLError as exc:
        raise YamlError([Problem(name, m.line, "", m.message) for m in marks] + [Problem(name, 1, "", f"invalid YAML ({exc})")]) from None
    if root is None:
        raise YamlError([Problem(name, m.line, "", m.message) for m in marks] + [Problem(name, 1, "", "file is empty")])
    lines: dict[Path_, int] = {(): root.start_mark.line + 1}
    problems = []
    data = _construct(root, (), lines, problems, name)
    _CONSTRUCTOR.constructed_objects.clear()
    if problems:
        raise YamlError([Problem(name, m.line, _key_at(lines, m.line), m.message) for m in marks] + problems)
    if marks:
        raise YamlError([Problem(name, m.line, _key_at(lines, m.line), m.message) for m in marks], Located(name, data, lines))
    return Located(name, data, lines)
