"""Nothing half-done: a render killed mid-way is completed or rolled back by the next
one (and `verify` says so meanwhile), `init` writes brief and schema together or
neither, no command with `-o` leaves a temporary file on any failure, and a freeze
whose lock file cannot be written says that `freeze --rewrite-lock` recovers."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.files import stage
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.render import journal, output, stamp
from infragate.store.engine import open_store
from tests.forkserver import ForkServer
from tests.render_helpers import FROZEN_AT, baseline_of, freeze_example, rendered
from tests.signing_keys import key_for, write_signers

DANA, SAM, CARA = "dana@example.com", "sam@example.com", "cara@example.com"
KILL_RUNS = 12


def cli(cwd: Path, *args: str | Path, preexec: Callable[[], None] | None = None) -> tuple[int, str]:
    env = {
        **os.environ,
        "INFRAGATE_DATABASE_URL": f"sqlite:///{cwd / '.store' / 'infragate.db'}",
        "COLUMNS": "300",
        "NO_COLOR": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "infragate", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=preexec,
    )
    out = done.stdout + done.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    return done.returncode, out


def temporaries(root: Path) -> list[Path]:
    return list(root.rglob("*.tmp"))


def _v2(root: Path) -> None:
    """shopfront v1 frozen in root, then a change (peak load up) frozen as v2."""
    lock = freeze_example("shopfront", root)
    brief = root / "infra" / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 15", "peak_rps: 25"))
    write_signers(root / "infra", (DANA, SAM, CARA))
    store = open_store(f"sqlite:///{root / '.store' / 'infragate.db'}")
    catalog = load_catalog()
    at = FROZEN_AT + timedelta(days=1)
    loaded = load_brief(brief)
    service.propose(store, loaded, catalog, Clock(at, CARA), CARA, "more traffic")
    for n, (role, who) in enumerate(((Role.infra_owner, DANA), (Role.budget_owner, SAM))):
        clock = Clock(at + timedelta(minutes=n + 1), who)
        service.approve_change(store, loaded, catalog, clock, role, who, "", key_for(who))
    service.freeze(store, loaded, Clock(at + timedelta(minutes=5), DANA), lock)
    store.engine.dispose()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """shopfront with the files of v1 rendered and baseline v2 frozen: the next render
    replaces v1's files with v2's."""
    root = tmp_path_factory.mktemp("template") / "shopfront"
    lock = freeze_example("shopfront", root)
    v1 = rendered(lock)
    output.apply(root, output.plan(root, v1, "shopfront"), force=False)
    shutil.rmtree(root / ".store")
    (root / "infra" / "brief.yaml").unlink()
    _v2(root)
    return root


def _copy(template: Path, dest: Path) -> Path:
    shutil.copytree(template, dest)
    return dest


def _versions(root: Path) -> set[int]:
    """The baseline versions stamped in the rendered files under root."""
    found = set()
    for path in root.rglob("*"):
        if path.is_file() and ".store" not in path.parts and path.suffix != ".tmp":
            try:
                text = path.read_text()
            except UnicodeDecodeError:
                continue
            if stamp.MARK in text[:400]:
                s, _ = stamp.read(text)
                if s is not None:
                    found.add(s.version)
    return found


@pytest.fixture(scope="module")
def forks() -> Iterator[ForkServer]:
    server = ForkServer()
    yield server
    server.close()


def test_a_render_killed_at_random_points_is_finished_by_the_next(
    template: Path, tmp_path: Path, forks: ForkServer
) -> None:
    url = "sqlite:////nonexistent/unused.db"  # render reads the lock file, not the store
    started = time.monotonic()
    calibrate = _copy(template, tmp_path / "calibrate")
    pid = forks.start(calibrate, url, ["render"])
    appeared = gone = None
    while gone is None and time.monotonic() - started < 60:
        exists = journal.path(calibrate).exists()
        if exists and appeared is None:
            appeared = time.monotonic()
        elif not exists and appeared is not None:
            gone = time.monotonic()
        time.sleep(0.0002)
    code, out = forks.wait(pid)
    assert code == 0 and appeared and gone, out
    duration, writing = time.monotonic() - started, gone - appeared
    assert _versions(calibrate) == {2}
    rng = random.Random(20261206)
    seen = {"before any write": 0, "staging": 0, "committing": 0, "finished": 0}
    # The window is short and the machine's speed varies (other processes, a warm cache):
    # kill at a random point of the writing window as measured, and narrow or widen that
    # window from what each kill hit, until enough kills land inside the writing.
    window = writing
    i = 0
    while seen["staging"] + seen["committing"] < KILL_RUNS // 3 and i < KILL_RUNS * 3:
        i += 1
        root = _copy(template, tmp_path / f"run{i}")
        pid = forks.start(root, url, ["render"])
        # wait for the render to start writing (its journal appears), then kill it at a
        # random point of the writing: staging files, or moving them into place
        deadline = time.monotonic() + duration * 3
        while not journal.path(root).exists() and time.monotonic() < deadline:
            time.sleep(0.0002)
        time.sleep(rng.uniform(window * 0.5, window * 1.02))  # renames come last
        os.kill(pid, signal.SIGKILL)
        forks.wait(pid)
        left = journal.read(root)
        code, out = cli(root, "verify")
        if left is None and _versions(root) != {1}:
            window *= 0.7  # the render finished first: kill sooner
        elif left is None:
            window *= 1.2  # killed before it wrote: later
        if left is not None:
            seen[left["state"]] += 1
            assert code == 1 and "FAIL render" in out and "was interrupted" in out, out
        else:
            seen["before any write" if _versions(root) == {1} else "finished"] += 1
            assert not temporaries(root) or _versions(root) == {1}, i
        code, out = cli(root, "render")
        assert code == 0, (i, out)
        if left is not None:
            assert "an interrupted render of shopfront v2" in out, out
        assert _versions(root) == {2}, (i, _versions(root))
        assert not temporaries(root), (i, temporaries(root))
        assert journal.read(root) is None
        assert cli(root, "verify")[0] == 0
    print("kill outcomes:", seen)
    assert sum(seen.values()) == i, seen
    assert seen["staging"] + seen["committing"] >= KILL_RUNS // 3, seen  # the window was hit


def _interrupted(root: Path, state: str) -> None:
    """Leave root as a render killed in `state` leaves it: the journal written, the new
    files staged on disk, nothing renamed (the same calls output.apply makes)."""
    baseline = baseline_of(root / "infra" / "baseline.lock.json")
    files = rendered(root / "infra" / "baseline.lock.json")
    changes = [c for c in output.plan(root, files, "shopfront") if c.after is not None]
    targets = [c.path for c in changes if c.action is not output.Action.unchanged]
    label = f"shopfront v{baseline.version} ({baseline.sha256[:12]})"
    journal.begin(root, label, targets, [])
    staged = [(stage(output.target(root, p), files[p]), output.target(root, p)) for p in targets]
    if state == "committing":
        journal.commit(root, label, staged, [])
        for tmp, path in staged[: len(staged) // 2]:  # killed half-way through the renames
            tmp.replace(path)


def test_a_render_killed_while_moving_files_is_completed(template: Path, tmp_path: Path) -> None:
    root = _copy(template, tmp_path / "p")
    _interrupted(root, "committing")
    assert _versions(root) == {1, 2}  # files of two baselines
    code, out = cli(root, "verify")
    assert code == 1 and "files of two baselines may be mixed" in out, out
    code, out = cli(root, "render", "--dry-run")
    assert "note: a render of shopfront v2" in out
    code, out = cli(root, "render")
    assert code == 0 and "was completed first" in out, out
    assert _versions(root) == {2} and not temporaries(root)
    assert cli(root, "verify")[0] == 0


def test_a_render_killed_while_staging_is_rolled_back(template: Path, tmp_path: Path) -> None:
    root = _copy(template, tmp_path / "p")
    _interrupted(root, "staging")
    assert temporaries(root) and _versions(root) == {1}
    code, out = cli(root, "verify")
    assert code == 1 and "before any file changed" in out, out
    code, out = cli(root, "render")
    assert code == 0 and "was rolled back first" in out, out
    assert _versions(root) == {2} and not temporaries(root)


def _disk_full_after(size: int) -> Callable[[], None]:
    def limit() -> None:  # writes past `size` bytes fail, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_init_on_a_full_disk_writes_neither_brief_nor_schema(tmp_path: Path) -> None:
    target = tmp_path / "infra" / "brief.yaml"
    code, out = cli(
        tmp_path, "init", "--path", target, preexec=_disk_full_after(10_000)
    )  # the brief fits, its schema does not
    assert code == 2 and "cannot write" in out and "disk is full" in out, out
    assert not target.exists() and not (target.parent / "brief.schema.json").exists()
    assert not temporaries(tmp_path)
    code, out = cli(tmp_path, "init", "--path", target)
    assert code == 0 and target.exists() and (target.parent / "brief.schema.json").exists()


OUTPUT_COMMANDS = [
    ("plan", "BRIEF", "--format", "markdown"),
    ("plan", "BRIEF", "--format", "json"),
    ("check", "BRIEF", "--format", "sarif"),
    ("schema", "design"),
    ("audit", "REPO", "--fail-on", "never", "--format", "json"),
    ("drift", "--format", "json"),
    ("change", "show"),
]


@pytest.fixture(scope="module")
def frozen(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _copy(template, tmp_path_factory.mktemp("frozen") / "p")
    assert cli(root, "render")[0] == 0
    return root


@pytest.mark.parametrize("command", OUTPUT_COMMANDS, ids=lambda c: "-".join(c[:2]))
@pytest.mark.parametrize("failure", ["disk full", "a folder in its place"])
def test_output_leaves_no_temporary_file_on_failure(
    frozen: Path, tmp_path: Path, command: tuple[str, ...], failure: str
) -> None:
    args = [{"BRIEF": "infra/brief.yaml", "REPO": str(frozen)}.get(a, a) for a in command]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "report.out"
    if failure == "a folder in its place":
        target.mkdir()
        code, out = cli(frozen, *args, "-o", target)
        assert code == 2 and "a folder is in its place" in out, out
    else:
        code, out = cli(frozen, *args, "-o", target, preexec=_disk_full_after(64))
        # the output, or first the store (SQLite writes beside it even to read), is refused
        assert code == 2, out
        assert (f"cannot write {target}" in out and "disk is full" in out) or (
            "the disk refused a write" in out and "Free space" in out
        ), out
        assert not target.exists()
    assert [p.name for p in out_dir.rglob("*") if p != target] == []


def test_freeze_whose_lock_cannot_be_written_says_how_to_recover(tmp_path: Path) -> None:
    from tests.helpers import brief_text
    from tests.lifecycle_helpers import ANN, BOB, OWNERS

    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "brief.yaml").write_text(brief_text("production", OWNERS))
    write_signers(tmp_path / "infra", (ANN, BOB))
    (tmp_path / ".store").mkdir()
    for role, who in (("infra_owner", ANN), ("budget_owner", BOB)):
        code, out = cli(tmp_path, "approve", "--role", role, "--as", who, "--key", key_for(who))
        assert code == 0, out
    lock = tmp_path / "infra" / "baseline.lock.json"
    lock.mkdir()  # something in the lock file's place
    code, out = cli(tmp_path, "freeze")
    assert code == 2 and "baseline v1 is frozen in the store" in out, out
    assert "Is a directory" in out and "infragate freeze --rewrite-lock" in out
    assert not temporaries(tmp_path)
    code, out = cli(tmp_path, "status")
    assert "lock file: missing" in out and "--rewrite-lock" in out, out
    lock.rmdir()
    code, out = cli(tmp_path, "freeze", "--rewrite-lock")
    assert code == 0 and "rewrote" in out, out
    assert cli(tmp_path, "verify", "--store")[0] == 0


def test_a_render_killed_while_writing_its_journal_leaves_no_temporary_file(
    template: Path, tmp_path: Path
) -> None:
    """Killed inside the journal's own atomic write (before its first phase is on disk):
    the next render finds no journal, but must not leave the journal's temporary behind
    (a random kill in the test above once landed there)."""
    root = _copy(template, tmp_path / "p")
    stage(journal.path(root), '{"state": "staging"')  # the half-written journal, unrenamed
    assert temporaries(root) and journal.read(root) is None
    code, out = cli(root, "render")
    assert code == 0, out
    assert _versions(root) == {2} and not temporaries(root)
    assert cli(root, "verify")[0] == 0
