"""`infragate serve`: runs the portal (its accounts: `infragate users`, users.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from infragate.cli.common import make_console


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(help="Worker processes (several need a store they can share).")
    ] = 1,
    oidc_issuer: Annotated[
        str | None,
        typer.Option(help="OpenID provider's issuer URL: enables OIDC sign-in."),
    ] = None,
    oidc_client_id: Annotated[
        str | None, typer.Option(help="This portal's client id there.")
    ] = None,
    oidc_client_secret_file: Annotated[
        str | None,
        typer.Option(help="File holding the client secret (or INFRAGATE_OIDC_CLIENT_SECRET)."),
    ] = None,
    oidc_name: Annotated[
        str | None, typer.Option(help="Provider name on the sign-in page.")
    ] = None,
    oidc_email_domain: Annotated[
        list[str] | None,
        typer.Option(
            help="Email domain allowed to sign in through OIDC (repeatable; all if none)."
        ),
    ] = None,
    oidc_create_accounts: Annotated[
        bool | None,
        typer.Option(
            "--oidc-create-accounts/--no-oidc-create-accounts",
            help="Give unknown people a requester account on first OIDC sign-in.",
        ),
    ] = None,
    max_upload_mb: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Largest request body, uploads included, in MB (1,000,000 bytes; or "
            "INFRAGATE_PORTAL_MAX_UPLOAD_MB).",
        ),
    ] = None,
) -> None:
    """Run the portal: catalog, intake, requests, approvals and costs in a browser, on the
    same store as the command line (INFRAGATE_DATABASE_URL). OIDC sign-in options fall back
    on the INFRAGATE_OIDC_* variables."""
    import os

    import uvicorn

    from infragate.portal.settings import ENV_MAX_UPLOAD, MB, load_settings
    from infragate.store.engine import open_store

    if max_upload_mb is not None:
        os.environ[ENV_MAX_UPLOAD] = str(max_upload_mb)  # for the workers, as OIDC's below
    _oidc_environment(
        oidc_issuer,
        oidc_client_id,
        oidc_client_secret_file,
        oidc_name,
        oidc_email_domain,
        oidc_create_accounts,
    )
    settings = load_settings()  # a wrong setting stops here (exit 2), not in each worker
    oidc = settings.oidc
    store = open_store()  # migrate once here, before the workers start
    make_console(stderr=True).print(
        f"infragate portal on http://{host}:{port} ({workers} worker"
        f"{'s' if workers != 1 else ''}), store: {store.location}, "
        f"uploads up to {settings.max_upload_bytes // MB} MB a request, "
        f"sign-in record kept {settings.sign_in_retention_days} days",
        highlight=False,
    )
    if oidc is not None:
        make_console(stderr=True).print(
            f"sign-in through {oidc.name} ({oidc.issuer})", highlight=False
        )
    store.close()
    uvicorn.run(
        "infragate.portal.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        server_header=False,
        log_level="warning",
    )


def _oidc_environment(
    issuer: str | None,
    client_id: str | None,
    secret_file: str | None,
    name: str | None,
    domains: list[str] | None,
    create: bool | None,
) -> None:
    """`serve`'s OIDC options as the INFRAGATE_OIDC_* variables its workers read."""
    import os

    from infragate.portal import oidc_settings as o

    given = {
        o.ENV_ISSUER: issuer,
        o.ENV_CLIENT_ID: client_id,
        o.ENV_CLIENT_SECRET_FILE: secret_file,
        o.ENV_NAME: name,
        o.ENV_EMAIL_DOMAINS: ",".join(domains) if domains else None,
        o.ENV_CREATE_ACCOUNTS: None if create is None else ("1" if create else "0"),
    }
    if secret_file is not None:
        os.environ.pop(o.ENV_CLIENT_SECRET, None)  # the file named on the command line wins
    os.environ.update({k: v for k, v in given.items() if v is not None})
