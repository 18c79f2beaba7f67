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

from infragate import strictread
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


def read_text(
    path: Path,
    *,
    what: str,
    create_hint: str,
    max_bytes: int = MAX_BYTES,
    root: Path | None = None,
) -> str:
    """Read a small UTF-8 text file through the strict reader (no pipes, devices or
    folders, at most `max_bytes`), turning every way it can fail into an InputError."""
    text = strictread.read_text(path, strictread.Kind(what, create_hint), max_bytes, root=root)
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
        if len(key) >= strictread.MAX_DEPTH:
            raise self._at(
                node,
                f"nested deeper than {strictread.MAX_DEPTH} levels",
                "flatten the document; a brief is a few levels deep",
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
            number = Decimal(text)
            if len(text) > strictread.MAX_NUMBER_CHARS or (
                number and abs(number.adjusted()) > strictread.MAX_EXPONENT
            ):
                raise self._at(
                    node, f"the number {text[:20]} is out of range", "write a realistic figure"
                )
            return number
        if tag == "tag:yaml.org,2002:int":
            digits = str(node.value).replace("_", "").lstrip("+-")
            if len(digits) > strictread.MAX_INT_DIGITS:
                raise self._at(
                    node,
                    f"a number of {len(digits)} digits (at most {strictread.MAX_INT_DIGITS})",
                    "write a realistic figure",
                )
        if tag == "tag:yaml.org,2002:timestamp":
            return str(node.value)  # keep as text: pydantic decides what it accepts
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise self._at(node, f"unsupported YAML tag {tag}", "remove the tag") from None

    def _at(self, node: yaml.Node, message: str, fix: str) -> InputError:
        return _fail(self.path, message, fix, node.start_mark.line + 1, node.start_mark.column + 1)
