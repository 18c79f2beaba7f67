"""An in-memory view of a scanned repository. Rules get this, never the filesystem."""

from __future__ import annotations

import fnmatch
import functools
import json
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from infragate.audit import lazyre
from infragate.audit.model import Skipped
from infragate.audit.walker import vendored_reason
from infragate.audit.yamlsafe import YamlDoc, YamlProblem, load_all

SHELL_SHEBANG = lazyre.compile(r"^#!\s*\S*(?:/|env\s+)(?:ba|da|k|z)?sh\b")
# Compose reads any file name given with -f; these suffixes are surely something else.
NOT_COMPOSE = (".md", ".txt", ".rst", ".sh", ".env", ".json", ".lock", ".py", ".example", ".bak")
COMPOSE_SERVICES = lazyre.compile(r"^services:", re.M)


@functools.cache
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """fnmatch's answer for any of `patterns`, without a regular expression for the usual
    shapes (a literal name, `*.ext`, `name*`): compiling fnmatch's translations cost more
    than a small tree's whole scan."""
    exact: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    rest: list[str] = []
    for pattern in patterns:
        wild = [c for c in pattern if c in "*?["]
        if not wild:
            exact.add(pattern)
        elif wild == ["*"] and pattern.endswith("*"):
            prefixes.append(pattern[:-1])
        elif wild == ["*"] and pattern.startswith("*"):
            suffixes.append(pattern[1:])
        else:
            rest.append(pattern)
    starts, ends = tuple(prefixes), tuple(suffixes)
    regex = re.compile("|".join(fnmatch.translate(p) for p in rest)) if rest else None

    def match(name: str) -> bool:
        return (
            name in exact
            or (bool(starts) and name.startswith(starts))
            or (bool(ends) and name.endswith(ends))
            or (regex is not None and regex.match(name) is not None)
        )

    return match


@dataclass(frozen=True)
class Diagnostic:
    """One message from an external tool (bash -n, shellcheck, hadolint, actionlint)."""

    tool: str
    file: str
    line: int | None
    code: str
    message: str
    level: str = "warning"  # error | warning | info | style


@dataclass
class Repo:
    texts: Mapping[str, str]  # relative POSIX path -> text, for every file that was read
    paths: frozenset[str]  # every file in the tree, read or not
    dirs: frozenset[str] = frozenset()
    skipped: list[Skipped] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Vendored folders and files (someone else's code): never in `texts`, so no rule reads
    # them; listed in the inventory with the reason.
    vendored: Mapping[str, str] = field(default_factory=dict)
    # What a module derives once per repository (the deploy logic, say), by its own key.
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _yaml: dict[str, list[YamlDoc] | None] = field(default_factory=dict, repr=False)
    _json: dict[str, Any] = field(default_factory=dict, repr=False)
    _lines: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _found: dict[tuple[str, ...], list[str]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> Repo:
        """A repository made of these files only; what tests use. Vendored paths are set
        aside as the walker sets them aside."""
        vendored: dict[str, str] = {}
        kept: dict[str, str] = {}
        for path, text in texts.items():
            parts = path.split("/")
            for depth in range(1, len(parts) + 1):
                prefix = "/".join(parts[:depth])
                why = vendored_reason(prefix, depth < len(parts))
                if why is not None:
                    vendored.setdefault(prefix, why)
                    break
            else:
                kept[path] = text
        dirs = {posixpath.dirname(p) for p in kept} - {""}
        for d in list(dirs):
            while "/" in d:
                d = posixpath.dirname(d)
                dirs.add(d)
        return cls(texts=kept, paths=frozenset(kept), dirs=frozenset(dirs), vendored=vendored)

    def exists(self, path: str) -> bool:
        """Whether a path is there; anything inside a vendored folder is taken to be."""
        path = posixpath.normpath(path)
        if path in (".", "") or path in self.paths or path in self.dirs:
            return True
        return any(path == v or path.startswith(v + "/") for v in self.vendored)

    def is_vendored(self, path: str) -> bool:
        path = posixpath.normpath(path)
        return any(path == v or path.startswith(v + "/") for v in self.vendored)

    def text(self, path: str) -> str:
        return self.texts.get(path, "")

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = self.text(path).splitlines()
        return self._lines[path]

    def glob(self, *patterns: str) -> list[str]:
        """Read files whose path matches any pattern (fnmatch: '*' also crosses '/')."""
        key = ("glob", *patterns)
        if key not in self._found:
            match = _matcher(patterns)
            self._found[key] = sorted(p for p in self.texts if match(p))
        return self._found[key]

    def named(self, *names: str) -> list[str]:
        """Read files whose base name matches any pattern, anywhere in the tree."""
        key = ("named", *names)
        if key not in self._found:
            if not self._by_name:
                for p in self.texts:
                    self._by_name.setdefault(posixpath.basename(p), []).append(p)
            # Match each distinct base name once: a monorepo repeats the same few names.
            match = _matcher(names)
            self._found[key] = sorted(
                p for name, paths in self._by_name.items() if match(name) for p in paths
            )
        return self._found[key]

    def yaml(self, path: str) -> list[YamlDoc]:
        """The documents of a YAML file; a malformed one is listed as skipped, once."""
        if path not in self._yaml:
            try:
                self._yaml[path] = load_all(self.text(path))
            except YamlProblem as exc:
                self._yaml[path] = None
                self.skipped.append(Skipped(path, str(exc)))
        return self._yaml[path] or []

    def yaml_map(self, path: str) -> tuple[dict[str, Any], YamlDoc | None]:
        docs = self.yaml(path)
        if docs and isinstance(docs[0].data, dict):
            return docs[0].data, docs[0]
        return {}, None

    def json(self, path: str) -> Any:
        if path not in self._json:
            try:
                self._json[path] = json.loads(self.text(path))
            except ValueError:
                self._json[path] = None
        return self._json[path]

    def grep(
        self, path: str, pattern: lazyre.AnyPattern, needles: tuple[str, ...] = ()
    ) -> Iterator[tuple[int, re.Match[str]]]:
        """Each (1-based line, match) of a pattern, line by line; with `needles`, only in a text
        that contains one of them (a substring test is far cheaper than a regex search)."""
        text = self.text(path)
        if needles and not any(n in text for n in needles):
            return
        # One pass over the whole text rules most files out (not valid for anchored patterns).
        if not pattern.pattern.startswith("^") and not pattern.search(text):
            return
        for number, line in enumerate(self.lines(path), 1):
            match = pattern.search(line)
            if match:
                yield number, match

    def line_of_from(self, path: str, start: int, needle: str) -> int:
        """The first line at or after `start` holding the needle (else `start`)."""
        for number, line in enumerate(self.lines(path)[max(start - 1, 0) :], max(start, 1)):
            if needle in line:
                return number
        return start

    def line_of(self, path: str, needle: str) -> int | None:
        for number, line in enumerate(self.lines(path), 1):
            if needle in line:
                return number
        return None

    # Families of files rules ask about, decided by name so no file is opened for nothing.

    def workflows(self) -> list[str]:
        """GitHub runs the files directly in the root's .github/workflows, nothing below."""
        found = self.glob(".github/workflows/*.yml", ".github/workflows/*.yaml")
        return [p for p in found if p.count("/") == 2]

    def ci_files(self) -> list[str]:
        return [
            *self.workflows(),
            *self.glob(
                ".gitlab-ci.yml",
                ".circleci/config.yml",
                "bitbucket-pipelines.yml",
                "azure-pipelines.yml",
                "Jenkinsfile",
                ".travis.yml",
            ),
        ]

    def compose_files(self) -> list[str]:
        """Compose files by name, whatever their suffix (docker-compose.prod, compose.yaml,
        compose.staging.yml); one without a YAML suffix counts when it declares services."""
        if ("compose",) not in self._found:
            found = []
            for path in self.named("docker-compose*", "compose.*"):
                if path.lower().endswith(NOT_COMPOSE):
                    continue
                if path.endswith((".yml", ".yaml")) or COMPOSE_SERVICES.search(self.text(path)):
                    found.append(path)
            self._found[("compose",)] = found
        return self._found[("compose",)]

    def dockerfiles(self) -> list[str]:
        """The application's images: a dev container's Dockerfile builds an editor's box."""
        found = self.named("Dockerfile", "Dockerfile.*", "*.Dockerfile", "Containerfile")
        return [
            p for p in found if not p.startswith(".devcontainer/") and "/.devcontainer/" not in p
        ]

    def shell_scripts(self) -> list[str]:
        if ("shell",) in self._found:
            return self._found[("shell",)]
        self._found[("shell",)] = sorted(
            p
            for p, text in self.texts.items()
            if p.endswith((".sh", ".bash"))
            or ("." not in posixpath.basename(p) and SHELL_SHEBANG.match(text))
        )
        return self._found[("shell",)]

    def docs(self) -> list[str]:
        return sorted(p for p in self.texts if p.lower().endswith((".md", ".rst", ".txt")))

    def terraform(self) -> list[str]:
        return sorted(p for p in self.texts if p.endswith(".tf"))
