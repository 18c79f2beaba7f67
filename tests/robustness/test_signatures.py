"""Forged baselines: a lock whose content was changed and every hash recomputed, whose
signatures are missing or made by a key the allowed signers file does not name for the
approver, or that holds a key twice, fails `verify` and `render` with the reason.

Each forger here can edit every file of the repository (lock, brief, allowed_signers)
and run infragate's own hashing; what they lack is the approvers' private keys."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from infragate.canonical import digest
from infragate.lifecycle.baseline import lock_text
from infragate.lifecycle.signing import NAMESPACE, Signature, sign, statement
from tests.helpers import run_cli
from tests.render_helpers import freeze_example
from tests.signing_keys import key_for, public_key

DANA, SAM, MALLORY = "dana@example.com", "sam@example.com", "mallory@example.com"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """shopfront, approved with dana's and sam's own keys and frozen as v1."""
    freeze_example("shopfront", tmp_path / "shopfront")
    return tmp_path / "shopfront"


def _store_env(repo: Path) -> dict[str, str]:
    return {"INFRAGATE_DATABASE_URL": f"sqlite:///{repo / '.store' / 'infragate.db'}"}


def cli(repo: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = run_cli(*args, cwd=repo, env={**_store_env(repo), **(env or {})})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout + done.stderr


def _lock(repo: Path) -> Path:
    return repo / "infra" / "baseline.lock.json"


def reseal(
    repo: Path,
    change: Callable[[dict[str, Any]], None],
    signatures: Callable[[list[Signature], dict[str, Any]], list[Signature]] | None = None,
) -> None:
    """What a forger does: change the document, recompute every hash in it (the brief's,
    the design's, each approval's design hash, the lock's), keep or replace signatures."""
    data = json.loads(_lock(repo).read_text())
    doc = data["baseline"]
    change(doc)
    doc["brief_sha256"] = digest(doc["brief"])
    doc["design_sha256"] = digest(doc["design"])
    for a in doc["approvals"]:
        a["design_sha256"] = doc["design_sha256"]
    sigs = [Signature.from_dict(s) for s in data.get("signatures", [])]
    if signatures is not None:
        sigs = signatures(sigs, doc)
    _lock(repo).write_text(lock_text(doc, sigs))


def _signed_by(key: Path, role: str, email: str, doc: dict[str, Any]) -> Signature:
    message = statement(
        doc["project"], role, email, doc["design_sha256"], doc["brief_sha256"], None
    )
    return Signature(role, email, sign(key, message))


def _backups_off(doc: dict[str, Any]) -> None:
    text = json.dumps(doc["design"])
    assert '"backup_retention_days": "7"' in text
    doc["design"] = json.loads(
        text.replace('"backup_retention_days": "7"', '"backup_retention_days": "0"')
    )


def _assert_refused(repo: Path, reason: str) -> None:
    code, out = cli(repo, "verify")
    assert code == 1 and "FAIL signatures" in out, out
    assert re.search(reason, out), out
    code, out = cli(repo, "render")
    assert code == 1 and "refusing to render" in out and "(signatures)" in out, out
    assert not (repo / "infra" / "terraform").exists()


def test_the_genuine_lock_verifies_offline_and_against_the_store(repo: Path) -> None:
    code, out = cli(repo, "verify", "--store")
    assert code == 0, out
    assert re.search(r"ok\s+signatures: signed by infra_owner dana@example.com \(SHA256:", out)
    assert "ok   store: SQLite file" in out and "froze this baseline (v1" in out


def test_content_changed_with_every_hash_recomputed_fails(repo: Path) -> None:
    """The production database's backups switched off; the hashes prove nothing now."""
    reseal(repo, _backups_off)
    _assert_refused(repo, "infra_owner approval by dana@example.com: the signature does not match")
    code, out = cli(repo, "verify", "--store")
    assert code == 1 and "FAIL store" in out and "not the baseline the store froze" in out


def test_budget_owner_replaced_in_brief_and_lock_fails(repo: Path) -> None:
    """Sam replaced by Mallory in the brief and the lock, Mallory's key added to
    allowed_signers and her approval signed: Dana signed the brief that named Sam."""
    brief = repo / "infra" / "brief.yaml"
    brief.write_text(
        brief.read_text().replace("Sam Okafor, email: sam@", "Mal Lory, email: mallory@")
    )
    with (repo / "infra" / "allowed_signers").open("a") as handle:
        handle.write(f'{MALLORY} namespaces="{NAMESPACE}" {public_key(MALLORY)}\n')

    def replace_sam(doc: dict[str, Any]) -> None:
        for owner in doc["brief"]["owners"]:
            if owner["email"] == SAM:
                owner.update(name="Mal Lory", email=MALLORY)
        for a in doc["approvals"]:
            if a["email"] == SAM:
                a.update(name="Mal Lory", email=MALLORY)

    def resign(sigs: list[Signature], doc: dict[str, Any]) -> list[Signature]:
        kept = [s for s in sigs if s.email != SAM]
        return [*kept, _signed_by(key_for(MALLORY), "budget_owner", MALLORY, doc)]

    reseal(repo, replace_sam, resign)
    _assert_refused(repo, "infra_owner approval by dana@example.com: the signature does not match")
    assert "budget_owner mallory" not in cli(repo, "verify")[1].split("FAIL signatures")[1]


def test_signatures_absent_fail(repo: Path) -> None:
    reseal(repo, lambda doc: None, lambda sigs, doc: [])
    _assert_refused(repo, "the infra_owner approval by dana@example.com is not signed")


def test_a_key_the_allowed_signers_do_not_name_fails(repo: Path) -> None:
    """Backups off, and both approvals re-signed by the forger's own key."""
    reseal(
        repo,
        _backups_off,
        lambda sigs, doc: [_signed_by(key_for(MALLORY), s.role, s.email, doc) for s in sigs],
    )
    _assert_refused(
        repo,
        r"approval by sam@example.com: signed by the key SHA256:\S+, which the allowed "
        "signers file does not name for sam@example.com",
    )


def test_a_signature_of_another_namespace_fails(repo: Path) -> None:
    """A signature made for git commits (namespace 'git') is not an approval."""

    def git_signed(sigs: list[Signature], doc: dict[str, Any]) -> list[Signature]:
        import subprocess

        out = []
        for s in sigs:
            message = statement(
                doc["project"], s.role, s.email, doc["design_sha256"], doc["brief_sha256"], None
            )
            done = subprocess.run(
                ["ssh-keygen", "-Y", "sign", "-q", "-f", str(key_for(s.email)), "-n", "git"],
                input=message,
                capture_output=True,
                check=True,
            )
            out.append(Signature(s.role, s.email, done.stdout.decode()))
        return out

    reseal(repo, lambda doc: None, git_signed)
    _assert_refused(repo, "approval by dana@example.com: .*not an infragate-approval signature")


def test_a_duplicate_approvals_key_fails(repo: Path) -> None:
    """A bogus 'approvals' before the real one: a reviewer reads the first, json the last."""
    text = _lock(repo).read_text()
    forged = text.replace(
        '"approvals": [', '"approvals": [{"role": "budget_owner"}],\n    "approvals": [', 1
    )
    assert forged.count('"approvals"') == 2
    _lock(repo).write_text(forged)
    code, out = cli(repo, "verify")
    # read strictly: refused as bad input before any check runs (exit 2, the line named)
    assert code == 2 and "duplicate key 'approvals'" in out, out
    code, out = cli(repo, "render")
    assert code == 2 and "duplicate key 'approvals'" in out, out


def test_every_approver_replaced_needs_a_trust_anchor_outside_the_repository(
    repo: Path, tmp_path: Path
) -> None:
    """A forger who replaces every approver in the brief, the lock and allowed_signers
    passes an offline check that trusts the repository's own files: that is what branch
    protection on infra/ must stop. A trusted allowed_signers file (CI's own, passed with
    --allowed-signers) and the store both catch it."""
    trusted = tmp_path / "trusted_signers"
    trusted.write_text((repo / "infra" / "allowed_signers").read_text())
    forged_keys = {DANA: key_for(DANA, "forged"), SAM: key_for(SAM, "forged")}
    (repo / "infra" / "allowed_signers").write_text(
        "".join(f'{e} namespaces="{NAMESPACE}" {public_key(e, "forged")}\n' for e in forged_keys)
    )
    reseal(
        repo,
        _backups_off,
        lambda sigs, doc: [_signed_by(forged_keys[s.email], s.role, s.email, doc) for s in sigs],
    )
    assert cli(repo, "verify")[0] == 0  # the repository vouches for itself
    code, out = cli(repo, "verify", "--allowed-signers", str(trusted))
    assert code == 1 and "FAIL signatures" in out and str(trusted) in out, out
    code, out = cli(repo, "render", env={"INFRAGATE_ALLOWED_SIGNERS": str(trusted)})
    assert code == 1 and "(signatures)" in out, out
    code, out = cli(repo, "verify", "--store")
    assert code == 1 and "FAIL store" in out, out


def test_allowed_signers_missing_fails_with_what_to_do(repo: Path) -> None:
    (repo / "infra" / "allowed_signers").unlink()
    code, out = cli(repo, "verify")
    assert code == 1 and "allowed_signers not found" in out and "--allowed-signers" in out


def test_approve_needs_a_key_that_the_allowed_signers_name(tmp_path: Path) -> None:
    from tests.helpers import brief_text
    from tests.lifecycle_helpers import ANN, OWNERS
    from tests.signing_keys import write_signers

    repo = tmp_path
    (repo / "infra").mkdir()
    (repo / "infra" / "brief.yaml").write_text(brief_text("production", OWNERS))
    env = {
        "INFRAGATE_DATABASE_URL": f"sqlite:///{repo / 'store.db'}",
        "GIT_CONFIG_GLOBAL": "/dev/null",
    }
    approve = ("approve", "--role", "infra_owner", "--as", ANN)
    done = run_cli(*approve, cwd=repo, env=env)
    assert (
        done.returncode == 2 and "--key" in done.stderr and "INFRAGATE_SIGNING_KEY" in done.stderr
    )
    done = run_cli(*approve, "--key", key_for(ANN), cwd=repo, env=env)
    assert done.returncode == 1 and "allowed_signers does not exist" in done.stderr
    write_signers(repo / "infra", [ANN])
    done = run_cli(*approve, "--key", key_for(MALLORY), cwd=repo, env=env)
    assert done.returncode == 1 and f"not {ANN}'s in" in done.stderr, done.stderr
    done = run_cli(*approve, cwd=repo, env={**env, "INFRAGATE_SIGNING_KEY": str(key_for(ANN))})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
