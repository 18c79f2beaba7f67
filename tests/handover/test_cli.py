"""`infragate handover` and `infragate verify --handover` as a person runs them: exit
codes, messages that name the file, nothing written when refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from infragate.store.engine import open_store
from tests.handover.helpers import DANA, shopfront_v2
from tests.helpers import run_cli


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    db = tmp_path / "store.db"
    store = open_store(f"sqlite:///{db}")
    try:
        shopfront_v2(tmp_path / "repo", store)
    finally:
        store.close()
    return tmp_path / "repo", {"INFRAGATE_DATABASE_URL": f"sqlite:///{db}"}


def test_handover_then_verify_names_an_edited_file(repo: tuple[Path, dict[str, str]]) -> None:
    root, env = repo
    done = run_cli("handover", "--as", DANA, cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    assert "wrote the handover pack of shopfront baseline v2 to infra/handover" in done.stdout
    assert "recorded in the trail: handover.generated" in done.stdout
    pack = root / "infra" / "handover"
    ok = run_cli("verify", "--handover", pack, cwd=root)
    assert ok.returncode == 0 and "match its manifest" in ok.stdout

    page = pack / "handover.md"
    text_before = page.read_text()
    page.write_text(text_before.replace("## 1.", "## 1. (edited)", 1))
    assert page.read_text() != text_before
    bad = run_cli("verify", "--handover", pack, "--format", "json", cwd=root)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["edited"] == ["handover.md"]
    text = run_cli("verify", "--handover", pack, cwd=root)
    assert text.returncode == 1 and "handover.md: edited since the pack was made" in text.stdout

    again = run_cli("handover", cwd=root, env=env)
    assert again.returncode == 2 and "handover.md: edited by hand" in again.stderr
    assert "Traceback" not in again.stderr and "(edited)" in page.read_text()


def test_bad_input_is_exit_2_with_the_file_named(
    repo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    root, env = repo
    no_pack = run_cli("verify", "--handover", tmp_path / "nowhere", cwd=root)
    assert no_pack.returncode == 2 and "manifest.json not found" in no_pack.stderr
    fmt = run_cli("handover", "-f", "pdf", cwd=root, env=env)
    assert fmt.returncode == 2 and "--format pdf: not a pack format" in fmt.stderr
    no_lock = run_cli("handover", "--lock", tmp_path / "missing.lock.json", cwd=root, env=env)
    assert no_lock.returncode == 2 and "missing.lock.json" in no_lock.stderr


def test_an_edited_lock_is_refused_and_nothing_is_written(
    repo: tuple[Path, dict[str, str]],
) -> None:
    root, env = repo
    lock = root / "infra" / "baseline.lock.json"
    lock.write_text(
        re.sub(r'"monthly_usd": "(\d+)', r'"monthly_usd": "1\1', lock.read_text(), count=1)
    )
    done = run_cli("handover", cwd=root, env=env)
    assert done.returncode == 1, done.stdout
    assert "refused" in done.stderr and "does not verify" in done.stderr
    assert not (root / "infra" / "handover").exists()
