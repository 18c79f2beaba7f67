"""Shared test helpers: building briefs from fixture bases, running the real CLI."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from infragate.brief.loader import LoadedBrief, parse_brief

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = sorted((ROOT / "examples").glob("*/infra/brief.yaml"))


def merge(base: Any, patch: Any) -> Any:
    """Deep-merge `patch` into `base`; a None value deletes the key."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def brief_text(base: str, patch: dict[str, Any] | None = None) -> str:
    data = yaml.safe_load((FIXTURES / "bases" / f"{base}.yaml").read_text())
    return yaml.safe_dump(merge(data, patch or {}), sort_keys=False)


def loaded(base: str, patch: dict[str, Any] | None = None) -> LoadedBrief:
    return parse_brief(Path(f"{base}.yaml"), brief_text(base, patch))


def run_cli(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point in a fresh process, as a user would."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "infragate", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=60,
        check=False,
    )
