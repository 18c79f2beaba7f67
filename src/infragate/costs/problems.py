"""Problems found in a FOCUS file, each located as `file:row:column`, and the one error that
carries them to the CLI (exit code 2, nothing stored).

Rows are counted as a person finds them: in CSV the line in the file (the header is line 1,
the first charge line 2); in Parquet the 1-based row number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from infragate.errors import InfragateError

# More than this many problems in one file means the file is of the wrong kind, not that a
# person must read them all: the rest are counted.
SHOWN = 20

FIX = (
    "correct the file, or export it again from the provider (FOCUS 1.0 to 1.3: AWS Data "
    "Exports, Azure Cost Management, Google Cloud billing export); nothing was imported"
)


@dataclass(frozen=True)
class FocusProblem:
    path: Path
    row: int | None
    column: str | None
    message: str

    def render(self) -> str:
        where = str(self.path)
        if self.row is not None:
            where += f":{self.row}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class FocusError(InfragateError):
    problems: list[FocusProblem]
    more: int = 0  # problems found beyond those listed
    fix: str = field(default=FIX)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        lines = [p.render() for p in self.problems]
        if self.more:
            lines.append(f"... and {self.more} more problem{'s' if self.more != 1 else ''}")
        lines.append(f"    fix: {self.fix}")
        return "\n".join(lines)
