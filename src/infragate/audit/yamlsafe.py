"""Tolerant YAML for files we did not write: CI workflows, compose files, manifests.

Unlike `infragate.yamldoc` (strict, for the brief) this accepts what real repositories
contain: merge keys, duplicate keys (last wins, as most tools do), custom tags such as
GitLab's `!reference` (read as plain values). It keeps the same bound on alias expansion,
so a "billion laughs" document costs at most MAX_NODES values, then fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # PyYAML is imported by the first load: a tree without YAML never needs it
    import yaml

MAX_NODES = 200_000


class YamlProblem(Exception):
    """The document is malformed or too large once aliases are expanded."""


@dataclass(frozen=True)
class YamlDoc:
    data: Any
    lines: dict[tuple[str | int, ...], int]  # key path -> 1-based line of the key


def load_all(text: str) -> list[YamlDoc]:
    import yaml

    from infragate.yamldoc import FAST_LOADER

    try:
        roots = list(yaml.compose_all(text, Loader=FAST_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise YamlProblem(f"malformed YAML{where}: {exc.problem or 'syntax error'}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlProblem(f"malformed YAML: {exc}") from None
    docs = []
    for root in roots:
        if root is None:
            continue
        builder = _Builder()
        data = builder.build(root, ())
        docs.append(YamlDoc(data, builder.lines))
    return docs


class _Builder:
    def __init__(self) -> None:
        import yaml

        self.count = 0
        self.lines: dict[tuple[str | int, ...], int] = {}
        self.mapping, self.sequence, self.scalar = (
            yaml.MappingNode,
            yaml.SequenceNode,
            yaml.ScalarNode,
        )

    def build(self, node: yaml.Node, key: tuple[str | int, ...], depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES or depth > 200:
            raise YamlProblem(
                f"more than {MAX_NODES} values once aliases are expanded (a YAML bomb?)"
            )
        self.lines.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, self.mapping):
            out: dict[str, Any] = {}
            for knode, vnode in node.value:
                name = str(knode.value) if isinstance(knode, self.scalar) else "?"
                if name == "<<":
                    merged = self.build(vnode, key, depth + 1)
                    for part in merged if isinstance(merged, list) else [merged]:
                        if isinstance(part, dict):
                            for k, v in part.items():
                                out.setdefault(k, v)
                    continue
                self.lines[(*key, name)] = knode.start_mark.line + 1
                out[name] = self.build(vnode, (*key, name), depth + 1)
            return out
        if isinstance(node, self.sequence):
            return [self.build(item, (*key, i), depth + 1) for i, item in enumerate(node.value)]
        return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    if node.tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on")
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return value  # floats, timestamps and custom tags stay text: rules only compare names
