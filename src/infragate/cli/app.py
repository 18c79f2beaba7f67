"""The `infragate` command: every stage's commands registered in one list, and the one place
where errors become messages and exit codes.

Exit codes, as linters use them: 0 clean, 1 a blocker, 2 bad usage or bad input, 3 a defect
in infragate. Heavy modules are imported inside the commands so that `--version` and `--help`
stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, NoReturn

import typer

from infragate import __version__
from infragate.cli import audit, change, design, execution, lifecycle, reference
from infragate.cli.common import make_console

app = typer.Typer(
    name="infragate",
    help="Separate infrastructure thinking from execution: brief, gates, right-sized design, "
    "cost frame.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
change_app = typer.Typer(
    help="Change requests: the only way to change a frozen baseline.", no_args_is_help=True
)

# (name, function) in the order `infragate --help` lists them: the lifecycle's order.
COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("init", design.init),
    ("check", design.check),
    ("plan", design.plan),
    ("audit", audit.audit),
    ("schema", reference.schema),
    ("rules", reference.rules),
    ("explain", reference.explain),
    ("catalog", reference.show_catalog),
    ("status", lifecycle.status),
    ("approve", lifecycle.approve),
    ("freeze", lifecycle.freeze),
    ("verify", lifecycle.verify),
    ("retire", lifecycle.retire),
    ("history", lifecycle.history),
    ("waive", lifecycle.waive),
    ("log", lifecycle.log),
    ("render", execution.render),
    ("drift", execution.drift),
)
CHANGE_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("propose", change.change_propose),
    ("show", change.change_show),
    ("approve", change.change_approve),
    ("reject", change.change_reject),
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)
for _name, _command in CHANGE_COMMANDS:
    change_app.command(_name)(_command)
app.add_typer(change_app, name="change")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"infragate {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """infragate command-line interface."""


def _fail(message: str, code: int = 2, label: str = "error") -> NoReturn:
    from infragate.report.safe_text import shown

    make_console(stderr=True, soft_wrap=True).print(f"[bold red]{label}[/]: {shown(message)}")
    sys.exit(code)


def _from_the_store(exc: BaseException) -> bool:
    """A database error (the store broke, filled up or went away mid-command)."""
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError)


def main() -> None:
    from infragate.errors import InfragateError

    try:
        app(standalone_mode=True)
    except InfragateError as exc:
        _fail(exc.render(), exc.exit_code, "refused" if exc.exit_code == 1 else "error")
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except KeyboardInterrupt:
        _fail("interrupted")
    except Exception as exc:  # a defect in infragate, not in the user's input
        if os.environ.get("INFRAGATE_DEBUG"):
            raise
        if _from_the_store(exc):
            from infragate.store.engine import failure

            _fail(failure(exc).render())
        from infragate.report.safe_text import shown

        make_console(stderr=True, soft_wrap=True).print(
            f"[bold red]internal error[/]: {type(exc).__name__}: {shown(exc)}. This is a bug in "
            "infragate; rerun with INFRAGATE_DEBUG=1 for the traceback and report it."
        )
        sys.exit(3)
