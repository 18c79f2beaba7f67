"""Read a YAML document safely and remember where every value came from.

PyYAML's composer gives nodes with positions; we build plain Python values
from them ourselves so that we can (a) keep a path -> (line, column) map for
error messages, (b) reject duplicate keys, which PyYAML accepts silently,
(c) bound alias expansion ("billion laughs"), and (d) read decimals as
`Decimal`, never float, because money must not be binary floating point.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from infragate.errors import InputError, Problem

Location = tuple[int, int]  # 1-based line, column
PathKey = tuple[str | int, ...]

MAX_BYTES = 1_000_000
MAX_NODES = 50_000

try:  # the C parser is several times faster; fall back where libyaml is absent
    FAST_LOADER: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    FAST_LOADER = yaml.SafeLoader


_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
)


@dataclass(frozen=True)
class Document:
    path: Path
    data: Any
    locations: dict[PathKey, Location]  # where each key is written (list items: the item)
    values: dict[PathKey, Location]  # where each value starts

    def locate(self, key: PathKey, *, value: bool = False) -> Location | None:
        """Where `key` (or its value) is, else its nearest ancestor that exists."""
        while True:
            if value and key in self.values:
                return self.values[key]
            if key in self.locations:
                return self.locations[key]
            if not key:
                return None
            key = key[:-1]


def _fail(
    path: Path, message: str, fix: str, line: int | None = None, col: int | None = None
) -> InputError:
    return InputError(path, [Problem(message=message, fix=fix, line=line, column=col)])


def read_text(path: Path, *, what: str, create_hint: str, max_bytes: int = MAX_BYTES) -> str:
    """Read a small UTF-8 text file, turning every way it can fail into an InputError."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(path, f"no such file; expected {what} here", create_hint) from None
    except OSError as exc:
        raise _fail(
            path, f"cannot be read: {exc.strerror}", "check the path and permissions"
        ) from None
    if path.is_dir():
        raise _fail(path, f"is a directory, not {what}", f"pass the path of {what} file")
    if size > max_bytes:
        raise _fail(
            path,
            f"is {size / 1_000_000:.1f} MB; {what} is at most {max_bytes // 1000} kB",
            f"check that this is really {what}; it should be a short YAML file",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(
            path, f"cannot be read: {exc.strerror}", "check the file's permissions"
        ) from None
    if b"\x00" in raw:
        raise _fail(path, "is a binary file, not YAML text", f"pass the path of {what}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(path, "is not UTF-8 text", "save the file as UTF-8", line) from None
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _fail(path, "is empty", create_hint)
    return text


def parse(path: Path, text: str) -> Document:
    """Parse YAML text into plain values plus the location of every value."""
    try:
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "malformed YAML"
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        raise _fail(
            path,
            f"malformed YAML: {problem}",
            "fix the YAML syntax at this position "
            "(indentation, a missing ':' or an unclosed quote are the usual causes)",
            line,
            col,
        ) from None
    except yaml.YAMLError as exc:
        raise _fail(path, f"malformed YAML: {exc}", "fix the YAML syntax") from None
    if root is None:
        raise _fail(path, "is empty", "write the document's keys")
    builder = _Builder(path)
    data = builder.build(root, ())
    return Document(path=path, data=data, locations=builder.locations, values=builder.values)


class _Builder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.locations: dict[PathKey, Location] = {}
        self.values: dict[PathKey, Location] = {}
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, key: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _fail(
                self.path,
                f"has more than {MAX_NODES} values once aliases are expanded",
                "remove YAML anchors and aliases; a brief never needs them",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        if node.tag not in _PLAIN_TAGS:
            raise self._at(node, f"unsupported YAML tag {node.tag}", "remove the tag")
        here = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.values[key] = here
        self.locations.setdefault(key, here)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    raise self._at(knode, "a key must be a plain word", "write the key as text")
                name = str(knode.value)
                if name == "<<":
                    raise self._at(
                        knode, "merge keys ('<<') are not supported", "write the keys out in full"
                    )
                if name in out:
                    first = self.locations.get((*key, name))
                    where = f" (first at line {first[0]})" if first else ""
                    raise self._at(
                        knode, f"duplicate key '{name}'{where}", "keep one of the two entries"
                    )
                self.locations[(*key, name)] = (
                    knode.start_mark.line + 1,
                    knode.start_mark.column + 1,
                )
                out[name] = self.build(vnode, (*key, name))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if tag == "tag:yaml.org,2002:float":
            text = str(node.value).replace("_", "")
            if text.lower().lstrip("+-") in (".inf", ".nan"):
                raise self._at(
                    node, f"'{node.value}' is not a usable number", "write a finite number"
                )
            return Decimal(text)
        if tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # keep as text: pydantic decides what it accepts
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise self._at(node, f"unsupported YAML tag {tag}", "remove the tag") from None

    def _at(self, node: yaml.Node, message: str, fix: str) -> InputError:
        return _fail(self.path, message, fix, node.start_mark.line + 1, node.start_mark.column + 1)
