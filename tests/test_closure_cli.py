"""The closure as a person and the pipeline run it, on SQLite and on PostgreSQL:
examples/shopfront approved, frozen, rendered, deployed (recorded), restore- and
alert-tested, access and secrets inventoried, its pack recorded, then closed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from infragate.evidence.record import record_handover
from infragate.store.engine import open_store
from tests.closure_helpers import EVIDENCE
from tests.helpers import ROOT, run_cli
from tests.signing_keys import key_for, write_signers

DANA, SAM = "dana@example.com", "sam@example.com"


def test_shopfront_closes_from_the_command_line(tmp_path: Path, store_url: str) -> None:
    repo = tmp_path / "shopfront"
    (repo / "infra").mkdir(parents=True)
    shutil.copyfile(ROOT / "examples/shopfront/infra/brief.yaml", repo / "infra/brief.yaml")
    write_signers(repo / "infra", (DANA, SAM))

    def cli(*args: str | Path) -> tuple[int, str]:
        done = run_cli(*args, cwd=repo, env={"INFRAGATE_DATABASE_URL": store_url})
        return done.returncode, done.stdout + done.stderr

    assert cli("approve", "--role", "infra_owner", "--as", DANA, "--key", key_for(DANA))[0] == 0
    assert cli("approve", "--role", "budget_owner", "--as", SAM, "--key", key_for(SAM))[0] == 0
    assert cli("freeze", "--as", DANA)[0] == 0
    assert cli("render")[0] == 0
    code, out = cli("evidence", "add", "deploy", "--as", DANA, "--file", EVIDENCE / "deploy.json")
    assert code == 0 and "shopfront is delivered" in out, out
    code, out = cli(
        "evidence", "add", "secrets", "--as", DANA, "--file", EVIDENCE / "secrets-with-value.yaml"
    )
    assert code == 2 and "secrets-with-value.yaml:9: looks like a secret value" in out, out
    assert "Traceback" not in out
    for kind, name in (
        ("restore-test", "restore-test.json"),
        ("alert-test", "alert-test.yaml"),
        ("access", "access.yaml"),
    ):
        code, out = cli("evidence", "add", kind, "--as", DANA, "--file", EVIDENCE / name)
        assert code == 0 and f"recorded: {kind} evidence" in out, out

    # Before the secrets inventory and the pack: the gate names the rules and who acts.
    code, out = cli("check", "--stage", "closure")
    assert code == 1, out
    assert "FAIL         CLOSE009 secrets-inventoried" in out
    assert "FAIL         CLOSE010 handover-pack-generated" in out
    assert "who can act: infra_owner: Dana Ruiz <dana@example.com>" in out
    assert "CANNOT JUDGE CLOSE011 cost-within-frame" in out
    code, out = cli("close", "--as", DANA)
    assert code == 1 and "the project cannot be closed" in out

    assert (
        cli("evidence", "add", "secrets", "--as", DANA, "--file", EVIDENCE / "secrets.yaml")[0] == 0
    )
    store = open_store(store_url)
    record_handover(store, "shopfront", DANA, 1, "f" * 64, "html")
    store.close()
    code, out = cli("check", "--stage", "closure", "--format", "json")
    assert code == 0, out
    verdicts = {r["id"]: r["status"] for r in json.loads(out)["results"]}
    assert verdicts.pop("CLOSE011") == "cannot-judge"
    assert set(verdicts.values()) == {"pass"} and len(verdicts) == 10

    code, out = cli("close", "--as", SAM)
    assert code == 1 and "closed by the lock's infra_owner: Dana Ruiz" in out
    code, out = cli("close", "--as", DANA)
    assert code == 0 and "is in maintenance" in out, out
    code, out = cli("status")
    assert "state maintenance" in out
    code, out = cli("evidence", "list", "--format", "json")
    kinds = [e["kind"] for e in json.loads(out)]
    assert kinds == ["deploy", "restore-test", "alert-test", "access", "secrets"]
    assert cli("verify", "--log")[0] == 0
