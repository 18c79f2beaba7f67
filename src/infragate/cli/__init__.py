"""The `infragate` command, one module per stage (design, audit, lifecycle, change,
execution, reference) over the same core; `app.py` registers them and maps errors to exit
codes.
"""

from __future__ import annotations

import sys

from infragate import __version__

__all__ = ["main"]


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # fast path: no Typer, no Rich
        print(f"infragate {__version__}")
        return
    from infragate.cli.app import main as run

    run()
