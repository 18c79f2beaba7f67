"""The brief's workload.app inputs are validated like every other input: a clear problem
with the file's line, the field and a fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.brief.loader import parse_brief
from infragate.errors import InputError

BASE = """version: 1
workload:
  runtime: python
  services: [web, worker]
  app:
{app}
"""


def _problems(app: str) -> list[str]:
    with pytest.raises(InputError) as error:
        parse_brief(Path("infra/brief.yaml"), BASE.format(app=app))
    return [p.render("infra/brief.yaml") for p in error.value.problems]


def test_a_valid_contract_parses() -> None:
    loaded = parse_brief(
        Path("infra/brief.yaml"),
        BASE.format(
            app="    start: uvicorn app.main:app --port 8000\n    port: 8000\n"
            "    health_path: /health\n    workers: [{name: worker, command: [python, -m, w]}]\n"
            "    env: [LOG_LEVEL, {name: TOKEN, secret: true}, {name: MODE, value: fast}]"
        ),
    )
    app = loaded.brief.workload.app
    assert app is not None and app.start == ["uvicorn", "app.main:app", "--port", "8000"]


@pytest.mark.parametrize(
    ("app", "expected"),
    [
        ("    start: ./migrate && ./serve", "workload.app.start: '&&' is shell syntax"),
        ("    port: 80", "workload.app.port"),
        ("    health_path: health", "workload.app.health_path"),
        ("    workers: [{name: scheduler, command: x}]", "'scheduler', which is not in services"),
        ("    env: [{name: T, value: x, secret: true}]", "a secret has no value in the brief"),
        ("    env: [lower_case]", "workload.app.env"),
        ("    package_manager: cargo", "workload.app.package_manager"),
    ],
)
def test_bad_contract_inputs_are_located_and_explained(app: str, expected: str) -> None:
    problems = _problems(app)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("infra/brief.yaml:") for p in problems), problems
