"""OIDC settings from the environment and from `infragate serve`'s options: a wrong one
stops with a message naming the variable, before any worker starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infragate.errors import UsageError
from infragate.portal.oidc_settings import OidcSettings, load_oidc

BASE = {
    "INFRAGATE_OIDC_ISSUER": "https://login.example.com/realms/staff",
    "INFRAGATE_OIDC_CLIENT_ID": "infragate",
    "INFRAGATE_OIDC_CLIENT_SECRET": "s3cret-value",
}


def test_no_issuer_means_no_oidc_sign_in() -> None:
    assert load_oidc({}) is None
    assert load_oidc({"INFRAGATE_OIDC_CLIENT_ID": "x"}) is None


def test_every_setting_read_from_the_environment(tmp_path: Path) -> None:
    secret = tmp_path / "client-secret"
    secret.write_text("from-a-file\n")
    env = {
        **BASE,
        "INFRAGATE_OIDC_CLIENT_SECRET": "",
        "INFRAGATE_OIDC_CLIENT_SECRET_FILE": str(secret),
        "INFRAGATE_OIDC_NAME": "Staff SSO",
        "INFRAGATE_OIDC_EMAIL_DOMAINS": "Example.com, @corp.example ,",
        "INFRAGATE_OIDC_CREATE_ACCOUNTS": "yes",
        "INFRAGATE_OIDC_REDIRECT_URI": "https://portal.example.com/login/oidc/callback",
    }
    assert load_oidc(env) == OidcSettings(
        issuer="https://login.example.com/realms/staff",
        client_id="infragate",
        client_secret="from-a-file",
        name="Staff SSO",
        email_domains=("example.com", "corp.example"),
        create_accounts=True,
        redirect_uri="https://portal.example.com/login/oidc/callback",
    )


def test_defaults_and_the_secret_kept_out_of_repr() -> None:
    oidc = load_oidc(BASE)
    assert oidc is not None
    assert oidc.name == "login.example.com" and oidc.create_accounts is False
    assert oidc.email_domains == () and oidc.allows_domain("anyone@anywhere.io")
    assert "s3cret-value" not in repr(oidc)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"INFRAGATE_OIDC_CLIENT_ID": ""}, "INFRAGATE_OIDC_CLIENT_ID is not"),
        ({"INFRAGATE_OIDC_CLIENT_SECRET": ""}, "set INFRAGATE_OIDC_CLIENT_SECRET or"),
        ({"INFRAGATE_OIDC_ISSUER": "http://idp.example.com"}, "must be an https:// URL"),
        ({"INFRAGATE_OIDC_REDIRECT_URI": "ftp://x/cb"}, "INFRAGATE_OIDC_REDIRECT_URI 'ftp://x/cb'"),
        (
            {
                "INFRAGATE_OIDC_CLIENT_SECRET": "",
                "INFRAGATE_OIDC_CLIENT_SECRET_FILE": "/nonexistent",
            },
            "INFRAGATE_OIDC_CLIENT_SECRET_FILE: cannot read /nonexistent",
        ),
    ],
    ids=["client-id", "secret", "http-issuer", "redirect", "secret-file"],
)
def test_a_wrong_setting_names_its_variable(change: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        load_oidc({**BASE, **change})
    assert message in str(caught.value)


def test_serve_stops_on_a_wrong_oidc_option_before_starting(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFRAGATE_OIDC_")} | {
        "INFRAGATE_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "INFRAGATE_PORTAL_SECRET": "test-secret",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "infragate",
            "serve",
            "--port",
            "9",
            "--oidc-issuer",
            "https://idp.example.com",
            "--oidc-client-id",
            "infragate",
            "--oidc-client-secret-file",
            str(tmp_path / "missing-secret"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "INFRAGATE_OIDC_CLIENT_SECRET_FILE: cannot read" in done.stderr
