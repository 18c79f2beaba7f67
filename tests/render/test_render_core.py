"""Render's gate, stamps and safe writes: what protects a repository from its own generator."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from infragate.errors import CatalogError, InputError, Refused, UsageError
from infragate.lifecycle.baseline import lock_text, parse_lock
from infragate.render import engine, output, pins, source, stamp, tfprice
from tests.helpers import run_cli
from tests.render_helpers import ROOT, TODAY, baseline_of, freeze_example, rendered


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """shopfront, approved by both owners and frozen as v1; returns its lock file."""
    return freeze_example("shopfront", tmp_path / "shopfront")


def _render(root: Path, lock: Path, force: bool = False) -> dict[str, Path]:
    changes = output.plan(root, rendered(lock), "shopfront")
    return output.apply(root, changes, force)


# the gate ------------------------------------------------------------------------------


def test_refuses_without_a_baseline(tmp_path: Path) -> None:
    lock = tmp_path / "infra" / "baseline.lock.json"
    with pytest.raises(Refused, match="no frozen baseline"):
        source.load(lock, tmp_path / "infra" / "brief.yaml", TODAY)


def test_refuses_an_unapproved_design(project: Path) -> None:
    # A lock that is internally consistent (hashes recomputed) but carries no approvals:
    # what a person gets by writing the file instead of running 'infragate freeze'.
    _, document = parse_lock(project.read_text())
    document["approvals"] = []
    project.write_text(lock_text(document))
    with pytest.raises(Refused, match=r"not approved \(approvals\)"):
        source.load(project, project.parent / "brief.yaml", TODAY)


def test_refuses_a_brief_changed_since_freeze(project: Path) -> None:
    brief = project.parent / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 15", "peak_rps: 40"))
    with pytest.raises(Refused, match=r"brief changed since the baseline was frozen \(brief\)"):
        source.load(project, brief, TODAY)


def test_refuses_a_tampered_lock_file(project: Path) -> None:
    text = project.read_text()
    assert '"size": "db.t4g.medium"' in text
    project.write_text(text.replace('"size": "db.t4g.medium"', '"size": "db.t4g.large"', 1))
    with pytest.raises(Refused, match=r"tampered with \(hash\)"):
        source.load(project, project.parent / "brief.yaml", TODAY)


def test_a_comment_in_the_brief_is_not_a_change(project: Path) -> None:
    brief = project.parent / "brief.yaml"
    brief.write_text("# reviewed again on 2026-11-26\n" + brief.read_text())
    assert source.load(project, brief, TODAY).version == 1


def test_cli_refusal_exits_1_and_writes_nothing(project: Path) -> None:
    root = project.parent.parent
    brief = project.parent / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 15", "peak_rps: 40"))
    before = sorted(p.name for p in root.rglob("*"))
    result = run_cli("render", brief)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "brief changed since the baseline was frozen" in result.stderr
    assert "Nothing was written" in result.stderr
    assert sorted(p.name for p in root.rglob("*")) == before


# stamps --------------------------------------------------------------------------------


def test_every_file_is_stamped_with_the_baseline_and_its_own_hash(project: Path) -> None:
    baseline = baseline_of(project)
    files = engine.render(baseline)
    assert len(files) > 10
    for path, text in files.items():
        found, body = stamp.read(text)
        assert found is not None, path
        assert (found.project, found.version) == ("shopfront", 1)
        assert found.baseline_sha256 == baseline.sha256
        assert stamp.edited(path, text) is False, path
        # pinned images and actions count by name only (render/pins.py)
        hashed = pins.normalise(path, body)
        assert found.content_sha256 == hashlib.sha256(hashed.encode()).hexdigest(), path
        if text.startswith("#!"):
            assert "infragate:render" in text.splitlines()[1], path
        else:
            assert "infragate:render" in text.splitlines()[0], path
        assert body.strip(), path


def test_a_one_character_edit_is_detected() -> None:
    text = stamp.stamp("x.tf", 'a = "1"\n', "p", 1, "0" * 64)
    assert stamp.edited("x.tf", text) is False
    assert stamp.edited("x.tf", text.replace('"1"', '"2"')) is True
    assert stamp.edited("x.tf", 'a = "1"\n') is None


def test_rendering_is_deterministic_across_processes(project: Path) -> None:
    # Two processes with different hash seeds (set and dict order) render the same bytes.
    script = (
        "import sys, json; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from tests.render_helpers import rendered;"
        "print(json.dumps(rendered(Path(sys.argv[2]))))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script, str(ROOT), str(project)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0]) == rendered(project)


def test_a_template_rendering_nothing_writes_no_file(project: Path) -> None:
    # hackathon keeps SQLite on its instance: no PostgreSQL, so no backup scripts
    files = rendered(freeze_example("hackathon", project.parent.parent.parent / "hack"))
    assert not [p for p in files if p.startswith("infra/ops/backup")]
    assert "infra/ops/backup.sh" in rendered(project)


# safe writes ---------------------------------------------------------------------------


def test_paths_that_leave_the_output_folder_are_refused(tmp_path: Path) -> None:
    for bad in ("../escape.tf", "/etc/passwd", "infra/../../x", "", "."):
        with pytest.raises(UsageError, match="refusing to write"):
            output.target(tmp_path, bad)


def test_a_symlink_out_of_the_output_folder_is_refused(project: Path, tmp_path: Path) -> None:
    root = project.parent.parent
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / ".github").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="leads outside"):
        _render(root, project)
    assert list(outside.iterdir()) == []


def test_a_symlinked_file_is_not_written_through(project: Path, tmp_path: Path) -> None:
    root = project.parent.parent
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (root / ".env.example").symlink_to(victim)
    with pytest.raises(UsageError, match="symbolic link"):
        _render(root, project)
    assert victim.read_text() == "keep me\n"


def test_writes_leave_no_temporary_files_and_readable_modes(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    files = rendered(project)
    for path, text in files.items():
        written = root / path
        assert written.read_text() == text
        mode = written.stat().st_mode & 0o777
        assert mode == (0o755 if text.startswith("#!") else 0o644), (path, oct(mode))
    assert list(root.rglob("*.tmp")) == []


def test_a_second_render_changes_nothing(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    changes = output.plan(root, rendered(project), "shopfront")
    assert {c.action for c in changes} == {output.Action.unchanged}
    assert output.diff(changes) == ""


def test_a_hand_edited_file_is_refused_then_kept_as_a_backup_with_force(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    target = root / ".env.example"
    edited = target.read_text() + "EXTRA=1\n"
    target.write_text(edited)
    with pytest.raises(
        Refused, match=r"Edited by hand since infragate rendered them:\n  \.env\.example"
    ):
        _render(root, project)
    assert target.read_text() == edited
    backups = _render(root, project, force=True)
    assert backups[".env.example"].read_text() == edited
    assert backups[".env.example"].name == ".env.example.hand-edited"
    assert stamp.edited(str(target.relative_to(root)), target.read_text()) is False
    # a second forced render keeps the first backup and numbers the next one
    target.write_text(edited)
    backups = _render(root, project, force=True)
    assert backups[".env.example"].name == ".env.example.hand-edited.2"


def test_a_file_infragate_did_not_write_is_not_overwritten(project: Path) -> None:
    root = project.parent.parent
    (root / "Dockerfile").write_text("FROM scratch\n")
    changes = output.plan(root, rendered(project), "shopfront")
    assert {c.path: c.action for c in changes}["Dockerfile"] is output.Action.foreign
    with pytest.raises(Refused, match="not written by infragate:\n  Dockerfile\n"):
        output.apply(root, changes, force=False)
    assert (root / "Dockerfile").read_text() == "FROM scratch\n"
    assert not (root / "infra" / "terraform").exists()  # refused before anything was written


def test_a_file_rendered_by_an_older_baseline_is_updated(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    target = root / ".env.example"
    _, body = stamp.read(target.read_text())
    target.write_text(stamp.stamp(".env.example", body + "OLD=1\n", "shopfront", 0, "f" * 64))
    changes = {c.path: c for c in output.plan(root, rendered(project), "shopfront")}
    assert changes[".env.example"].action is output.Action.update


def test_files_an_earlier_baseline_rendered_are_removed(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    dropped = "infra/terraform/envs/preview/main.tf"
    text = stamp.stamp(dropped, 'module "web" {}\n', "shopfront", 0, "e" * 64)
    (root / dropped).parent.mkdir(parents=True)
    (root / dropped).write_text(text)
    other = root / "infra" / "ops" / "other-project.sh"
    other.write_text(stamp.stamp("x.sh", "#!/bin/sh\n", "someone-else", 1, "e" * 64))
    changes = {c.path: c.action for c in output.plan(root, rendered(project), "shopfront")}
    assert changes[dropped] is output.Action.remove
    assert "infra/ops/other-project.sh" not in changes  # another project's file is not ours
    _render(root, project)
    assert not (root / "infra" / "terraform" / "envs" / "preview").exists()
    assert other.exists()
    # an earlier file edited by hand is a conflict like any other
    (root / dropped).parent.mkdir(parents=True)
    (root / dropped).write_text(text + "# kept\n")
    with pytest.raises(Refused, match=r"rendered them:\n  infra/terraform/envs/preview/main\.tf"):
        _render(root, project)
    backups = _render(root, project, force=True)
    assert backups[dropped].read_text() == text + "# kept\n"
    assert not (root / dropped).exists()


def test_dry_run_prints_a_unified_diff_and_writes_nothing(project: Path) -> None:
    root = project.parent.parent
    result = run_cli("render", project.parent / "brief.yaml", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "--- /dev/null\n+++ b/Dockerfile\n" in result.stdout
    assert not (root / "Dockerfile").exists()
    result = run_cli("render", project.parent / "brief.yaml")
    assert result.returncode == 0, result.stderr
    assert "unchanged" in result.stdout
    (root / "Dockerfile").write_text((root / "Dockerfile").read_text() + "# local tweak\n")
    result = run_cli("render", project.parent / "brief.yaml", "--dry-run")
    assert result.returncode == 1  # what 'render' would do: refuse the hand-edited file
    assert "+++ b/Dockerfile" in result.stdout and "-# local tweak" in result.stdout
    assert "Dockerfile: hand-edited" in result.stderr


def test_another_projects_files_are_not_overwritten(project: Path, tmp_path: Path) -> None:
    root = project.parent.parent
    other = freeze_example("ceo-dashboard", tmp_path / "other")
    output.apply(root, output.plan(root, rendered(other), "ceo-dashboard"), force=False)
    changes = output.plan(root, rendered(project), "shopfront")
    assert {c.action for c in changes if c.path == "Dockerfile"} == {output.Action.foreign}
    with pytest.raises(Refused, match="not written by infragate"):
        output.apply(root, changes, force=False)


def test_a_backup_is_never_taken_for_a_leftover(project: Path) -> None:
    root = project.parent.parent
    _render(root, project)
    (root / "Dockerfile").write_text((root / "Dockerfile").read_text() + "# mine\n")
    _render(root, project, force=True)
    assert (root / "Dockerfile.hand-edited").exists()
    changes = output.plan(root, rendered(project), "shopfront")
    assert {c.action for c in changes} == {output.Action.unchanged}  # the backup is yours
    assert (root / "Dockerfile.hand-edited").exists()


def test_a_failed_write_leaves_the_previous_render(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project.parent.parent
    _render(root, project)
    before = {p: (root / p).read_text() for p in rendered(project)}
    files = {p: t.replace("shopfront", "shopfront2") for p, t in rendered(project).items()}
    changes = output.plan(root, files, "shopfront")
    real_stage, calls = output.stage, []

    def disk_full_on_the_fifth(path: Path, text: str, mode: int | None = None) -> Path:
        calls.append(path)
        if len(calls) == 5:
            raise OSError(28, "No space left on device")
        return real_stage(path, text, mode)

    monkeypatch.setattr(output, "stage", disk_full_on_the_fifth)
    with pytest.raises(OSError, match="No space left"):
        output.apply(root, changes, force=True)
    assert {p: (root / p).read_text() for p in rendered(project)} == before
    assert list(root.rglob("*.tmp")) == []
    assert list(root.rglob("*.hand-edited")) == []


def test_terraform_that_does_not_price_to_the_cost_frame_is_refused(project: Path) -> None:
    baseline = baseline_of(project)
    files = engine.render(baseline)
    tfprice.check_cost_frame(files, baseline)  # as rendered: equal
    main = "infra/terraform/envs/prod/main.tf"
    assert 'instance_class          = "db.t4g.medium"' in files[main]
    files[main] = files[main].replace('"db.t4g.medium"', '"db.t4g.large"')
    with pytest.raises(
        CatalogError, match=r"prod: \d+\.\d\d USD a month rendered, \d+\.\d\d frozen"
    ):
        tfprice.check_cost_frame(files, baseline)


def test_a_lock_outside_infra_needs_out(project: Path, tmp_path: Path) -> None:
    moved = tmp_path / "baseline.lock.json"
    moved.write_text(project.read_text())
    result = run_cli("render", project.parent / "brief.yaml", "--lock", moved)
    assert result.returncode == 2, result.stderr
    assert "not in an infra/ folder" in result.stderr
    assert not (tmp_path / "Dockerfile").exists()
    result = run_cli(
        "render", project.parent / "brief.yaml", "--lock", moved, "--out", tmp_path / "out"
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "Dockerfile").exists()


def test_a_broken_lock_is_an_input_error_not_a_traceback(project: Path) -> None:
    _, document = parse_lock(project.read_text())
    del document["design"]["pricing_as_of"]
    del document["brief"]["cloud"]
    project.write_text(lock_text(document))
    lock = source.read(project, project.parent / "brief.yaml", TODAY, "nothing to render")
    with pytest.raises(InputError, match="lacks what rendering needs"):
        lock.baseline()
    project.write_bytes(b"\xff\xfe not a lock")
    result = run_cli("render", project.parent / "brief.yaml")
    assert result.returncode == 2
    assert "baseline.lock.json" in result.stderr and "not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr
