"""A lock file that only gained another platform's hashes is the same lock: the real
`terraform providers lock -platform=...` (from a filesystem mirror holding a second
platform's package) rewrites a rendered lock file, drops its stamp and adds a hash;
`render` then neither refuses it as a hand edit nor rewrites it, and `drift` reports
nothing. A lock that selects another version or lost the rendered hash is still a change."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from infragate.errors import Refused
from infragate.render import drift, lockfile, output, stamp
from tests.render.terraform_harness import MIRROR, PROVIDER, PROVIDER_VERSION, terraform
from tests.render_helpers import baseline_of, freeze_example, rendered

LOCK = "infra/terraform/envs/prod/.terraform.lock.hcl"


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    """shopfront frozen and rendered; returns (its root, its lock file)."""
    lock = freeze_example("shopfront", tmp_path / "shopfront")
    root = lock.parent.parent
    output.apply(root, output.plan(root, rendered(lock), "shopfront"), False)
    return root, lock


def _mirror_with_a_second_platform(tmp_path: Path) -> Path:
    """The machine's mirror plus a darwin_arm64 package (any file: Terraform hashes what the
    folder holds, as it does for the real one)."""
    mirror = tmp_path / "mirror"
    versions = mirror / PROVIDER / PROVIDER_VERSION
    versions.mkdir(parents=True)
    (versions / "linux_amd64").symlink_to(MIRROR / PROVIDER / PROVIDER_VERSION / "linux_amd64")
    darwin = versions / "darwin_arm64"
    darwin.mkdir()
    (darwin / f"terraform-provider-aws_v{PROVIDER_VERSION}_x5").write_bytes(b"stand-in build")
    return mirror


def _lock_for_two_platforms(root: Path, tmp_path: Path) -> str:
    folder = (root / LOCK).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
    env["TF_CLI_CONFIG_FILE"] = os.devnull
    # `providers lock` reads the modules' requirements too: install them (local paths).
    got = subprocess.run(
        [terraform(), "get"], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert got.returncode == 0, got.stdout + got.stderr
    done = subprocess.run(
        [
            terraform(),
            "providers",
            "lock",
            f"-fs-mirror={_mirror_with_a_second_platform(tmp_path)}",
            "-platform=linux_amd64",
            "-platform=darwin_arm64",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    shutil.rmtree(folder / ".terraform", ignore_errors=True)
    return (root / LOCK).read_text(encoding="utf-8")


def test_terraform_adding_a_platform_is_not_a_hand_edit(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    root, lock = project
    ours = (root / LOCK).read_text(encoding="utf-8")
    theirs = _lock_for_two_platforms(root, tmp_path)
    # What Terraform did: the stamp is gone, a hash was added, the selection is the same.
    assert stamp.read(theirs)[0] is None
    before, after = lockfile.selections(ours), lockfile.selections(theirs)
    (provider,) = before
    assert after[provider].version == before[provider].version == PROVIDER_VERSION
    assert before[provider].hashes < after[provider].hashes

    changes = output.plan(root, rendered(lock), "shopfront")
    (change,) = [c for c in changes if c.path == LOCK]
    assert change.action is output.Action.unchanged
    output.apply(root, changes, False)  # no refusal
    assert (root / LOCK).read_text(encoding="utf-8") == theirs  # the new hashes stay

    baseline = baseline_of(lock)
    _, findings = drift.check_files(root, baseline, rendered(lock))
    assert [f for f in findings if f.path == LOCK] == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('version     = "5.100.0"', 'version     = "5.99.0"'),  # another version selected
        ('constraints = "~> 5.80"', 'constraints = ">= 5.0"'),  # a constraint changed
        ('"h1:edXOJWE4ORX8Fm+dpVpICzMZJat4AX0VRCAy/xkcOc0="', '"h1:other="'),  # hash lost
    ],
)
def test_any_other_change_of_the_lock_is_still_an_edit(
    project: tuple[Path, Path], old: str, new: str
) -> None:
    root, lock = project
    path = root / LOCK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(Refused, match=r"Edited by hand"):
        output.apply(root, output.plan(root, rendered(lock), "shopfront"), False)
    assert not lockfile.only_gained_hashes(path.read_text(encoding="utf-8"), rendered(lock)[LOCK])


def test_the_rendered_lock_says_how_to_add_a_platform(project: tuple[Path, Path]) -> None:
    root, _ = project
    text = (root / LOCK).read_text(encoding="utf-8")
    assert "terraform providers lock -platform=linux_amd64 -platform=darwin_arm64" in text
