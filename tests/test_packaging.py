"""infragate as users install it: the sdist and wheel `python -m build` makes, installed into
a fresh venv; the version written once; shell completion through Typer."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import infragate
from tests.helpers import ROOT, run_cli

SOURCE = ROOT / "src" / "infragate"
# what the package must carry besides its modules (pyproject's package-data)
DATA_FOLDERS = (
    "catalog/data/templates",
    "pricing/data",
    "render/templates/infra",
    "portal/templates",
    "portal/static",
    "store/migrations/versions",
)


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sdist, then the wheel built from that sdist (build's default), offline: the backend
    is the venv's own (--no-isolation). Built from a copy so the worktree gets no egg-info."""
    work = tmp_path_factory.mktemp("pkg")
    tree = work / "tree"
    tree.mkdir()
    for name in ("pyproject.toml", "README.md", "action.yml"):
        shutil.copy2(ROOT / name, tree / name)
    # links kept as links, as in a git clone: render/action.yml links to the root's action.yml
    shutil.copytree(
        ROOT / "src",
        tree / "src",
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    out = work / "dist"
    _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, tree)
    return out


def _package_files() -> set[str]:
    return {
        p.relative_to(SOURCE.parent).as_posix()
        for p in SOURCE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_wheel_and_sdist_carry_every_file_of_the_package(dist: Path) -> None:
    version = infragate.__version__
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    assert wheel.name == f"infragate-{version}-py3-none-any.whl"
    assert sdist.name == f"infragate-{version}.tar.gz"
    in_wheel = set(zipfile.ZipFile(wheel).namelist())
    assert _package_files() - in_wheel == set()
    for folder in DATA_FOLDERS:
        assert any(n.startswith(f"infragate/{folder}/") for n in in_wheel), folder
    assert "infragate/store/migrations/script.py.mako" in in_wheel
    metadata = zipfile.ZipFile(wheel).read(f"infragate-{version}.dist-info/METADATA").decode()
    assert f"\nVersion: {version}\n" in metadata
    with tarfile.open(sdist) as tar:
        in_sdist = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {f"src/{f}" for f in _package_files()} - in_sdist == set()
    assert {"pyproject.toml", "README.md"} <= in_sdist


def test_the_packaged_action_is_the_repositorys_action(dist: Path) -> None:
    """`infragate render` copies the action into a project from the package: the wheel
    carries the file itself (not the link), and it is the root's action.yml."""
    (wheel,) = dist.glob("*.whl")
    action = zipfile.ZipFile(wheel).read("infragate/render/action.yml").decode()
    assert action == (ROOT / "action.yml").read_text()
    assert "runs:\n  using: composite" in action


def test_wheel_installs_into_a_fresh_venv_and_runs(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    done = _run(venv / "bin" / "infragate", "--version")
    assert done.stdout == f"infragate {infragate.__version__}\n"
    # the dependencies from the project's venv, as a plain path after the fresh venv's own:
    # its .pth files (the editable install's finder) are not run, so the wheel is imported
    site = Path(_run(python, "-c", "import site; print(site.getsitepackages()[0])").stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = _run(python, "-c", "import infragate; print(infragate.__file__)").stdout
    assert where.startswith(str(venv)), where
    shopfront = ROOT / "examples" / "shopfront" / "infra" / "brief.yaml"
    done = _run(venv / "bin" / "infragate", "plan", shopfront, "--format", "json", cwd=tmp_path)
    assert json.loads(done.stdout)["project"] == "shopfront"  # catalog and prices from the wheel
    done = _run(venv / "bin" / "infragate", "schema", "design", cwd=tmp_path)
    assert json.loads(done.stdout)["$id"].endswith("design-v1.json")


def test_version_is_written_once() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = {attr = "infragate.__version__"}' in pyproject
    assert "\nversion = " not in pyproject.split("[project]")[1].split("\n[")[0]


def _console_script(*args: str, env: dict[str, str] | None = None) -> str:
    """The installed `infragate` command, started from bash (completion is keyed to the
    program's name, which `python -m infragate` would change, and to the shell it runs in)."""
    done = subprocess.run(
        # `; exit $?`: bash stays the parent instead of exec'ing the one command
        ["bash", "-c", '"$0" "$@"; exit $?', str(Path(sys.executable).parent / "infragate"), *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_shell_completion_through_typer() -> None:
    script = _console_script("--show-completion")
    assert "complete -o default -F _infragate_completion infragate" in script
    assert "_INFRAGATE_COMPLETE=complete_bash" in script
    # what bash asks when the user presses TAB after `infragate pl`, then `plan --for`
    env = {"_INFRAGATE_COMPLETE": "complete_bash", "COMP_WORDS": "infragate pl", "COMP_CWORD": "1"}
    assert _console_script(env=env).split() == ["plan"]
    env = {**env, "COMP_WORDS": "infragate plan --for", "COMP_CWORD": "2"}
    assert _console_script(env=env).split() == ["--format"]
    assert "--install-completion" in run_cli("--help").stdout
