"""The gitignore-style patterns of one walk: .gitignore files, -x/--exclude, and the
linguist attributes of .gitattributes. A pattern git cannot read is left out, as git
leaves it out, and reported; a bad -x pattern is the command line's mistake."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from infragate.audit.gitfiles import GitListing

if TYPE_CHECKING:
    import pathspec


class Ignores:
    """The .gitignore files met on the way down, each applying below its own folder."""

    def __init__(self, listed: GitListing | None = None) -> None:
        self.specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self.listed = listed  # git's own file list: then .gitignore files are git's business

    def add(self, base: str, text: str, *, gitignore: bool = True) -> list[str]:
        """Add the patterns of `text`; returns those that are not valid (left out)."""
        if gitignore and self.listed is not None:
            return []
        lines = text.splitlines()
        spec, bad = _spec(lines)
        self.specs.append((base, spec))
        return bad

    def ignored(self, rel: str, is_dir: bool) -> bool:
        if self.listed is not None and not self.listed.includes(rel, is_dir):
            return True
        for base, spec in self.specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False


def _spec(lines: list[str]) -> tuple[pathspec.GitIgnoreSpec, list[str]]:
    """The spec of the valid patterns among `lines`, and the invalid ones (which git itself
    ignores too)."""
    import pathspec  # only where patterns are: an import of ~15 ms

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines), []
    except (ValueError, re.error):  # GitIgnorePatternError is a ValueError
        pass
    good, bad = [], []
    for line in lines:
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error):
            bad.append(line)
        else:
            good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good), bad


def invalid_patterns(patterns: Sequence[str]) -> list[str]:
    """The gitignore-style patterns (from -x/--exclude) that are not valid."""
    return _spec(list(patterns))[1]


class Attributes:
    """linguist-vendored / linguist-generated from the .gitattributes met on the way down
    (`=false` and `-attr` un-mark a path, as Linguist reads them)."""

    def __init__(self) -> None:
        self.rules: list[tuple[str, pathspec.GitIgnoreSpec, str | None]] = []

    def add(self, base: str, text: str) -> None:
        for line in text.splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            for attr in parts[1:]:
                name = attr.lstrip("-!").split("=", 1)[0]
                if name not in ("linguist-vendored", "linguist-generated"):
                    continue
                unset = attr.startswith(("-", "!")) or attr.endswith("=false")
                spec, bad = _spec([parts[0]])
                if bad:
                    continue
                self.rules.append(
                    (base, spec, None if unset else f"marked {name} in .gitattributes")
                )

    def verdict(self, rel: str, is_dir: bool) -> tuple[bool, str | None]:
        """(whether a rule matched, its reason; None un-vendors). The last match wins, as in
        git; a folder counts when any file in it would."""
        matched, found = False, None
        for base, spec, why in self.rules:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/.infragate-probe" if is_dir else sub):
                matched, found = True, why
        return matched, found
