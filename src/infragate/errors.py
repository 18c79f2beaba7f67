"""Every error a person can cause, as one hierarchy.

    InfragateError                 exit code 2, one message, never a traceback
     ├── InputError                a file we were given is unusable: file, line, column, field, fix
     ├── UsageError                the command line asks for something that cannot be done
     ├── CatalogError              the bundled catalog or pricing data is inconsistent
     └── Refused                   exit code 1: a rule of the lifecycle forbids it (who may
                                   approve, what must be frozen first); says why and who acts

The CLI is the one place where these become a message and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    message: str
    fix: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: str | None = None  # dotted path inside the document, e.g. "load.peak_rps"

    def render(self, path: Path | str) -> str:
        where = str(path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = f"{self.field}: " if self.field else ""
        return f"{where}: {subject}{self.message}\n    fix: {self.fix}"


class InfragateError(Exception):
    """Base of every error a person can cause; the CLI maps it to exit code 2."""

    exit_code = 2

    def render(self) -> str:
        return str(self)


@dataclass
class InputError(InfragateError):
    """A file we were asked to read is missing, malformed or invalid."""

    path: Path
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"{self.path}: {count} problem{'s' if count != 1 else ''}"
        return "\n".join([head, *(p.render(self.path) for p in self.problems)])


class UsageError(InfragateError):
    """The command line asks for something that cannot be done as asked."""


class CatalogError(InfragateError):
    """The catalog or pricing data is inconsistent; a defect in infragate's data."""


class Refused(InfragateError):
    """The lifecycle forbids this step now; the message says why and what would allow it."""

    exit_code = 1
