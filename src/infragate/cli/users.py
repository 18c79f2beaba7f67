"""`infragate users`: the portal's accounts, their API tokens, their OIDC bindings and the
sign-in record. Thin doors over portal/security (account_changes, accounts, sign_in,
sign_in_record, sign_in_retention). Every change to an account is recorded with the actor
(INFRAGATE_ACTOR, else the OS user)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from infragate.cli.common import TextOrJson, as_json, clock_for, make_console

if TYPE_CHECKING:
    from infragate.portal.security.account_changes import ChangedBy

EmailArg = Annotated[str, typer.Argument(metavar="EMAIL", help="The account's email.")]
PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input (for scripts)."),
]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f")]


def _by() -> ChangedBy:
    """Who changes an account here, and when: the actor the lifecycle commands name too."""
    from infragate.portal.security.account_changes import ChangedBy

    clock = clock_for()
    return ChangedBy(clock.actor, clock.at)


def _password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    again = typer.prompt("Again", hide_input=True)
    if first != again:
        from infragate.errors import UsageError

        raise UsageError("the two passwords differ; nothing was changed")
    return str(first)


def users_add(
    email: EmailArg,
    name: Annotated[str, typer.Option("--name", help="Full name, as shown in the portal.")],
    admin: Annotated[bool, typer.Option("--admin", help="A platform admin.")] = False,
    password_stdin: PasswordStdin = False,
    oidc_only: Annotated[
        bool,
        typer.Option(
            "--oidc-only",
            help="No password: the person signs in through the OIDC provider only "
            "('users passwd' can give one later).",
        ),
    ] = False,
) -> None:
    """Create a local account (its password is kept as an Argon2id hash), or with
    --oidc-only one that signs in through the OpenID provider only."""
    from infragate.cli.common import checked_email
    from infragate.errors import UsageError
    from infragate.portal.security.account_changes import add_account
    from infragate.store.engine import open_store

    if oidc_only and password_stdin:
        raise UsageError("--oidc-only makes an account without a password: drop --password-stdin")
    password = None if oidc_only else _password(password_stdin)
    user = add_account(open_store(), checked_email(email), name, password, admin, _by())
    notes = ", ".join(
        n for n, on in (("platform admin", user.is_admin), ("OIDC only", oidc_only)) if on
    )
    make_console().print(
        f"account {user.email} created{f' ({notes})' if notes else ''}", highlight=False
    )


def users_list(format: FormatOpt = TextOrJson.text) -> None:
    """Every account, with how it may sign in."""
    from infragate.portal.security.accounts import all_accounts
    from infragate.store.engine import open_store

    with open_store().read() as conn:
        found = all_accounts(conn)
    if format is TextOrJson.json:
        typer.echo(
            as_json(
                [
                    {
                        "email": a.user.email,
                        "name": a.user.name,
                        "admin": a.user.is_admin,
                        "disabled": a.user.disabled,
                        "password": a.has_password,
                        "oidc": None
                        if a.oidc_subject is None
                        else {
                            "issuer": a.oidc_issuer,
                            "subject": a.oidc_subject,
                            "bound_at": a.oidc_bound_at,
                        },
                    }
                    for a in found
                ]
            )
        )
        return
    console = make_console()
    for a in found:
        flags = ", ".join(
            f
            for f, on in (
                ("admin", a.user.is_admin),
                ("disabled", a.user.disabled),
                ("no password", not a.has_password),
                (f"OIDC: {a.oidc_issuer} {a.oidc_subject}", a.oidc_subject is not None),
            )
            if on
        )
        console.print(
            f"{a.user.email:40} {a.user.name}{f'  ({flags})' if flags else ''}", highlight=False
        )


def users_passwd(email: EmailArg, password_stdin: PasswordStdin = False) -> None:
    """Set an account's password (also for an account that had none: OIDC only). Recorded,
    without the password."""
    from infragate.portal.security.account_changes import set_password
    from infragate.store.engine import open_store

    password = _password(password_stdin)
    set_password(open_store(), email, password, _by())
    make_console().print(f"password of {email} changed", highlight=False)


def _said(changed: bool, email: str, state: str) -> None:
    if changed:
        make_console().print(f"{email} {state}", highlight=False)
    else:
        make_console().print(f"{email} was already {state}; nothing changed", highlight=False)


def users_disable(email: EmailArg) -> None:
    """Stop an account from signing in (its sessions and tokens stop working at once).
    Recorded."""
    from infragate.portal.security.account_changes import set_disabled
    from infragate.store.engine import open_store

    _said(set_disabled(open_store(), email, True, _by()), email, "disabled")


def users_enable(email: EmailArg) -> None:
    """Let a disabled account sign in again. Recorded."""
    from infragate.portal.security.account_changes import set_disabled
    from infragate.store.engine import open_store

    _said(set_disabled(open_store(), email, False, _by()), email, "enabled")


def users_grant_admin(email: EmailArg) -> None:
    """Make the account a platform admin (from its next request on). Recorded."""
    from infragate.portal.security.account_changes import set_admin
    from infragate.store.engine import open_store

    _said(set_admin(open_store(), email, True, _by()), email, "a platform admin")


def users_revoke_admin(email: EmailArg) -> None:
    """Make the account no longer a platform admin (from its next request on). Recorded."""
    from infragate.portal.security.account_changes import set_admin
    from infragate.store.engine import open_store

    _said(set_admin(open_store(), email, False, _by()), email, "no platform admin")


def users_unbind(email: EmailArg) -> None:
    """Release the account's OIDC binding (when its person legitimately changed provider):
    its next OIDC sign-in binds it to the identity that provider gives. Recorded."""
    from infragate.portal.security.sign_in import unbind_account
    from infragate.store.engine import open_store

    bound = unbind_account(open_store(), email, clock_for().actor)
    if bound is None:
        make_console().print(f"{email} was not bound to an OIDC identity; nothing changed")
        return
    make_console().print(f"{email} unbound from {bound}", highlight=False)


def users_sign_ins(
    email: Annotated[
        str | None, typer.Option("--email", help="Only this email's entries (any case).")
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="From this date (YYYY-MM-DD) or time (UTC) on."),
    ] = None,
    format: FormatOpt = TextOrJson.text,
) -> None:
    """The sign-in record: sign-ins, refused sign-ins (a rate-limited client's counted in one
    entry per window), sign-outs, OIDC unbindings and account changes with who made them,
    oldest first, with the client address the portal saw."""
    from infragate.portal.security.sign_in_record import read_sign_ins, since_of
    from infragate.store.engine import open_store

    since_at = since_of(since) if since else None
    with open_store().read() as conn:
        found = read_sign_ins(conn, email, since_at)
    if format is TextOrJson.json:
        typer.echo(as_json([_entry(e) for e in found]))
        return
    console = make_console()
    for e in found:
        who = e.email or (f"account #{e.user_id}" if e.user_id else "-")
        line = f"{e.at}  {e.outcome:15} {e.method:8} {who:32} from {e.client or '-'}"
        extra = (
            f"by {e.actor}" if e.actor else None,
            f"{e.times} times, the last at {e.last_at}" if e.times > 1 else None,
            e.detail,
        )
        shown = "  ".join([line, *(x for x in extra if x)])
        console.print(shown, highlight=False, markup=False)  # stored text is not markup
    if not found:
        console.print("no sign-ins recorded" + (" that match" if email or since else ""))


def _entry(e: Any) -> dict[str, Any]:
    return {
        "at": e.at,
        "outcome": str(e.outcome),
        "method": str(e.method),
        "email": e.email,
        "account_id": e.user_id,
        "detail": e.detail,
        "client": e.client,
        "oidc_issuer": e.oidc_issuer,
        "oidc_subject": e.oidc_subject,
        "actor": e.actor,
        "times": e.times,
        "last_at": e.last_at,
    }


def users_prune_sign_ins(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=1,
            help="Keep this many days (default: INFRAGATE_SIGN_IN_RETENTION_DAYS, else 400).",
        ),
    ] = None,
) -> None:
    """Delete the sign-in record's entries older than its retention, at once. The portal
    prunes as it records sign-ins; this is for after lowering the setting, or a scheduler
    where the portal sits idle for long."""
    import os

    from infragate.portal.security.sign_in_retention import (
        ENV_RETENTION,
        cutoff,
        prune_all,
        retention_days,
    )
    from infragate.store.engine import open_store

    keep = days if days is not None else retention_days(os.environ.get(ENV_RETENTION))
    at = clock_for().at
    pruned = prune_all(open_store(), at, keep)
    make_console().print(
        f"{pruned} entr{'ies' if pruned != 1 else 'y'} from before {cutoff(at, keep)} "
        f"pruned (the record keeps {keep} day{'s' if keep != 1 else ''})",
        highlight=False,
    )


def users_token(
    email: EmailArg,
    name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. ci.")],
) -> None:
    """Create an API token for the account; it is printed once and kept only as its hash."""
    from infragate.portal.security.accounts import create_token
    from infragate.store.engine import open_store

    typer.echo(create_token(open_store(), email, name, clock_for().at))


def users_revoke(
    email: EmailArg,
    name: Annotated[str, typer.Option("--name", help="The token's name.")],
) -> None:
    """Revoke the account's API tokens of that name."""
    from infragate.portal.security.accounts import revoke_tokens
    from infragate.store.engine import open_store

    count = revoke_tokens(open_store(), email, name, clock_for().at)
    make_console().print(f"{count} token{'s' if count != 1 else ''} revoked", highlight=False)
