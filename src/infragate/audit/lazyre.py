"""Regular expressions compiled when first used, not when their module is imported.

The audit declares a few hundred patterns at module level; compiling them all on import cost
more than half of `infragate audit`'s start-up, while a small tree uses a few dozen of them
(issue 10: start-up under 0.2 s). `lazyre.compile(...)` takes the same arguments as
`re.compile`; on the first call of any method the pattern is compiled once and the compiled
pattern's own methods replace this object's, so later calls cost what `re` costs.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Pattern:
    """A `re.Pattern[str]` in waiting: the methods the audit uses, with the same signatures."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags!r})"

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern; the first call also binds its methods onto this object."""
        done: re.Pattern[str] | None = self.__dict__.get("_compiled")
        if done is None:
            done = re.compile(self.pattern, self._flags)
            self.__dict__["_compiled"] = done
            for name in _METHODS:
                self.__dict__[name] = getattr(done, name)
        return done

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)


# Either kind, for functions that take a pattern as an argument.
AnyPattern = Pattern | re.Pattern[str]


def compile(pattern: str, flags: int = 0) -> Pattern:
    return Pattern(pattern, flags)
