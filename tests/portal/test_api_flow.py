"""Issue 16's standard request through the JSON API alone, with API tokens (no browser, no
session, no CSRF token): a requester reads the catalog, starts the intake from a template,
previews it and submits it; an administrator adds the owners' SSH keys; each owner fetches
the statement, signs it with the command the API gives and posts the signature; one
freezes; the baseline's files download and `infragate verify` accepts them. Served by
`infragate serve` on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from tests.helpers import run_cli
from tests.portal.live import LivePortal, running_portal
from tests.signing_keys import key_for, public_key

RITA, ANN, BOB, ROOT = (
    "rita@example.com",
    "ann@example.com",
    "bob@example.com",
    "root@example.com",
)
TEMPLATE, MATURITY, PROJECT = "web-app-postgres", "production", "ledger"


@pytest.fixture
def portal(store_url: str, tmp_path: Path) -> Iterator[LivePortal]:
    with running_portal(store_url, tmp_path / "server") as live:
        yield live


def client(portal: LivePortal, email: str, admin: bool = False) -> httpx.Client:
    """An account, its API token made as an administrator makes one, and a client using it."""
    portal.add_user(email, admin=admin)
    made = portal.cli("users", "token", email, "--name", "flow")
    assert made.returncode == 0, made.stdout + made.stderr
    token = made.stdout.strip().split()[-1]
    assert token.startswith("igt_"), made.stdout
    return httpx.Client(base_url=portal.url, headers={"Authorization": f"Bearer {token}"})


def ok(answer: httpx.Response, status: int = 200) -> Any:
    assert answer.status_code == status, f"{answer.request.url}: {answer.text[:2000]}"
    return answer.json()


def sign(statement: dict[str, Any], email: str, folder: Path) -> str:
    """On the owner's machine: the statement saved under its filename, the command run as
    given (their key at ~/.ssh/id_ed25519), the .sig file's text."""
    folder.mkdir(parents=True)
    (folder / statement["filename"]).write_bytes(statement["text"].encode())
    home = folder / "home"
    (home / ".ssh").mkdir(parents=True)
    shutil.copy(key_for(email), home / ".ssh" / "id_ed25519")
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    subprocess.run(["sh", "-c", statement["command"]], cwd=folder, env=env, check=True)
    return (folder / f"{statement['filename']}.sig").read_text()


def approve(owner: httpx.Client, email: str, role: str, folder: Path) -> None:
    page = ok(owner.get(f"/api/projects/{PROJECT}"))
    assert role in [w["role"] for w in page["awaiting"]], page["awaiting"]
    statement = ok(owner.get(f"/api/projects/{PROJECT}/statement", params={"role": role}))
    assert (
        statement["email"] == email
        and statement["design_sha256"] == page["standing"]["design_sha256"]
    )
    given = {
        "role": role,
        "signature": sign(statement, email, folder),
        "comment": "looks right",
        "change_request": statement["change_request"],
    }
    done = ok(owner.post(f"/api/projects/{PROJECT}/approvals", json=given))
    assert (done["email"], done["role"]) == (email, role)


def test_a_standard_request_through_the_json_api(portal: LivePortal, tmp_path: Path) -> None:
    rita, root = client(portal, RITA), client(portal, ROOT, admin=True)
    ann, bob = client(portal, ANN), client(portal, BOB)

    # the requester: catalog, the form from a template, a preview, the request
    catalog = ok(rita.get("/api/catalog"))
    (tier,) = [
        t for t in catalog["tiers"] if (t["template"], t["maturity"]) == (TEMPLATE, MATURITY)
    ]
    start = ok(rita.get("/api/intake/form", params={"template": TEMPLATE, "maturity": MATURITY}))
    assert start["preview"]["ready"] is False  # the template's examples (GATE014)
    assert "GATE014" in start["preview"]["no_estimate"]
    form = start["form"] | {
        "project_name": PROJECT,
        "team": "finance",
        "cost_center": "CC-2001",
        "client": "Ledger Ltd",
        "owners": [
            {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner"]},
            {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
        ],
    }
    preview = ok(rita.post("/api/intake/preview", json=form))
    assert preview["ready"] and not preview["gate"]["blocked"], preview["problems"]
    assert preview["estimate"]["monthly_usd"] == tier["monthly_usd"]  # the catalog's figure
    bigger = ok(rita.post("/api/intake/preview", json=form | {"data_gb": "200"}))
    assert float(bigger["estimate"]["monthly_usd"]) > float(tier["monthly_usd"])
    form["data_gb"] = "200"
    made = ok(rita.post("/api/intake", json=form), 201)
    assert made["project"] == PROJECT and made["state"] == "designed"
    assert float(made["monthly_usd"]) == float(bigger["estimate"]["monthly_usd"])
    assert {a["role"]: a["who"] for a in made["awaiting"]} == {
        "infra_owner": [f"Ann Infra <{ANN}>"],
        "budget_owner": [f"Bob Budget <{BOB}>"],
    }

    # the administrator: the owners' keys; nobody else may add one
    refused = rita.post(
        f"/api/projects/{PROJECT}/signers", json={"email": RITA, "public_key": public_key(RITA)}
    )
    assert refused.status_code == 403, refused.text
    for email in (ANN, BOB):
        key = {"email": email, "public_key": public_key(email)}
        ok(root.post(f"/api/projects/{PROJECT}/signers", json=key))

    # the owners: each signs the statement on their machine; one freezes
    approve(ann, ANN, "infra_owner", tmp_path / "ann")
    approve(bob, BOB, "budget_owner", tmp_path / "bob")
    assert ok(rita.get(f"/api/projects/{PROJECT}"))["state"] == "approved"
    frozen = ok(bob.post(f"/api/projects/{PROJECT}/freeze"))
    assert frozen["version"] == 1 and frozen["monthly_usd"] == made["monthly_usd"]

    # the baseline's files, as a repository takes them over, and verify accepts them
    infra = tmp_path / "repo" / "infra"
    infra.mkdir(parents=True)
    for what in ("brief.yaml", "baseline.lock.json", "allowed_signers"):
        got = bob.get(f"/api/projects/{PROJECT}/downloads/{what}")
        assert got.status_code == 200, got.text
        (infra / what).write_bytes(got.content)
    verified = run_cli("verify", cwd=infra.parent, env={"XDG_DATA_HOME": str(tmp_path / "d")})
    assert verified.returncode == 0, verified.stdout + verified.stderr
    shown = ok(rita.get(f"/api/projects/{PROJECT}"))
    assert shown["state"] == "frozen", shown["state"]
    assert [(b["version"], b["sha256"]) for b in shown["baselines"]] == [(1, frozen["sha256"])]
    assert portal.cli("verify", "--log").returncode == 0
    for each in (rita, root, ann, bob):
        each.close()
