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
from infragate.cli import (
    audit,
    change,
    closure,
    costs,
    design,
    execution,
    handover,
    infracost,
    lifecycle,
    portal,
    reference,
    users,
)
from infragate.cli.common import make_console

_APP_SETTINGS: dict[str, Any] = {
    "name": "infragate",
    "help": "Separate infrastructure thinking from execution: brief, gates, right-sized "
    "design, cost frame.",
    "no_args_is_help": True,
    # `--install-completion` and `--show-completion [SHELL]` (bash, zsh, fish, PowerShell)
    "add_completion": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
}
app = typer.Typer(**_APP_SETTINGS)
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
    ("handover", handover.handover),
    ("close", closure.close),
    ("serve", portal.serve),
)
CHANGE_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("propose", change.change_propose),
    ("show", change.change_show),
    ("approve", change.change_approve),
    ("reject", change.change_reject),
)
EVIDENCE_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("add", closure.evidence_add),
    ("list", closure.evidence_list),
)
COSTS_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("import", costs.costs_import),
    ("report", costs.costs_report),
    ("stale", costs.costs_stale),
    ("rightsize", costs.costs_rightsize),
    ("infracost-usage", infracost.costs_infracost_usage),
    ("compare-infracost", infracost.costs_compare_infracost),
)
USERS_COMMANDS: tuple[tuple[str, Callable[..., Any]], ...] = (
    ("add", users.users_add),
    ("list", users.users_list),
    ("passwd", users.users_passwd),
    ("disable", users.users_disable),
    ("enable", users.users_enable),
    ("grant-admin", users.users_grant_admin),
    ("revoke-admin", users.users_revoke_admin),
    ("unbind", users.users_unbind),
    ("sign-ins", users.users_sign_ins),
    ("prune-sign-ins", users.users_prune_sign_ins),
    ("token", users.users_token),
    ("revoke", users.users_revoke),
)
users_app = typer.Typer(
    help="The portal's accounts, API tokens, OIDC bindings and sign-in record (which keeps "
    "every change to an account too).",
    no_args_is_help=True,
)
costs_app = typer.Typer(
    help="Costs after go-live: FOCUS bills against the approved cost frame.",
    no_args_is_help=True,
)
evidence_app = typer.Typer(
    help="Evidence that the infrastructure runs, recorded against the baseline in force.",
    no_args_is_help=True,
)
for _name, _command in COMMANDS:
    app.command(_name)(_command)
for _name, _command in CHANGE_COMMANDS:
    change_app.command(_name)(_command)
for _name, _command in EVIDENCE_COMMANDS:
    evidence_app.command(_name)(_command)
app.add_typer(change_app, name="change")
for _name, _command in COSTS_COMMANDS:
    costs_app.command(_name)(_command)
app.add_typer(evidence_app, name="evidence")
app.add_typer(costs_app, name="costs")
for _name, _command in USERS_COMMANDS:
    users_app.command(_name)(_command)
app.add_typer(users_app, name="users")


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


def _app_for(argv: list[str]) -> typer.Typer:
    """The app to run: when the first argument names a top-level command, an app with that
    command alone, which parses and prints exactly as the whole app does for it, while Typer
    turns one function's signature into options instead of every command's (start-up,
    issue 10)."""
    named = dict(COMMANDS)
    if not argv or argv[0] not in named:
        return app
    single = typer.Typer(**_APP_SETTINGS)
    single.callback()(_root)
    single.command(argv[0])(named[argv[0]])
    return single


def _from_the_store(exc: BaseException) -> bool:
    """A database error (the store broke, filled up or went away mid-command)."""
    if "sqlalchemy" not in sys.modules:
        return False
    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, DBAPIError)


def main() -> None:
    from infragate.errors import InfragateError

    try:
        _app_for(sys.argv[1:])(standalone_mode=True)
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
