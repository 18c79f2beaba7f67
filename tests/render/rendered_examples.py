"""The bundled examples rendered and written out, and the real linters that check them,
for the application files, pipeline and operations tests (test_app_files.py,
test_pipeline.py, test_ops.py)."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from infragate.render.context import Baseline
from tests.render_helpers import EXAMPLES, baseline_of, freeze_example, rendered

VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"


@dataclasses.dataclass(frozen=True)
class Example:
    name: str
    baseline: Baseline
    files: dict[str, str]
    root: Path  # the rendered files, written out

    def yaml(self, path: str) -> Any:
        return yaml.safe_load(self.files[path])

    def kinds(self) -> set[str]:
        return {c.kind for e in self.baseline.environments for c in e.components}


def render_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    out = {}
    for name in EXAMPLES:
        lock = freeze_example(name, tmp_path_factory.mktemp(f"{name}-project"))
        files = rendered(lock)
        root = tmp_path_factory.mktemp(f"{name}-rendered")
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if path.endswith(".sh"):
                target.chmod(0o755)
        out[name] = Example(name, baseline_of(lock), files, root)
    return out


def tool(name: str) -> Path:
    path = VENV_BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed at {path}: pip install -e '.[dev]' installs it")
    return path


def run(args: list[str | Path], **kwargs: Any) -> None:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=False, **kwargs
    )
    assert done.returncode == 0, f"{args[0]} found:\n{done.stdout}{done.stderr}"
