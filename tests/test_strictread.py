"""The strict reader (strictread.py), the names a lock may carry (names.py) and HCL strings."""

from __future__ import annotations

import os
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest

from infragate import strictread
from infragate.errors import InputError
from infragate.names import bad_names, tag_value_problem
from infragate.render.engine import _hcl
from tests.render.terraform_harness import terraform

KIND = strictread.Kind("a test file", "write a better one")


def _problem(text: str, **kwargs: str) -> tuple[str, int | None]:
    with pytest.raises(InputError) as caught:
        strictread.loads(Path("f.json"), text, KIND, **kwargs)  # type: ignore[arg-type]
    problem = caught.value.problems[0]
    assert problem.fix == "write a better one"
    return problem.message, problem.line


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"a": 1,\n "b": 2,\n "a": 3}', "duplicate key 'a'", 3),
        ('{\n"x": NaN}', "'NaN' is not a number", 2),
        ('{"x": -Infinity}', "'-Infinity' is not a number", 1),
        ('{"x":\n\n' + "9" * 4400 + "}", "4400 digits", 3),
        ('{"x": 1e400}', "out of range", 1),
        ('{"x": 0.' + "1" * 60 + "}", "out of range", 1),
        ("\n" + "[" * 70 + "]" * 70, "nested deeper than 64", 2),
        ("[" * 50000 + "]" * 50000, "nested deeper than 64", 1),
        ('{"x": 1', "not JSON", 1),
    ],
)
def test_strict_json_refuses_with_the_line(text: str, message: str, line: int) -> None:
    found, at = _problem(text)
    assert message in found
    assert at == line


def test_fractions_as_decimal_float_or_refused() -> None:
    path = Path("f.json")
    assert strictread.loads(path, '{"x": 0.1}', KIND) == {"x": Decimal("0.1")}
    assert strictread.loads(path, '{"x": 0.5}', KIND, floats="float") == {"x": 0.5}
    message, line = _problem('{\n"x": 0.1}', floats="refuse")
    assert "has a fraction" in message
    assert line == 2


def test_special_files_are_refused_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    start = time.monotonic()
    for path, why in ((fifo, "named pipe"), (Path("/dev/zero"), "character device"),
                      (tmp_path, "is a directory")):  # fmt: skip
        with pytest.raises(InputError) as caught:
            strictread.read_text(path, KIND, 1000)
        assert why in caught.value.problems[0].message
    assert time.monotonic() - start < 5  # nothing blocked


def test_size_cap_holds_whatever_the_file_claims(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b"1," * 1000 + b"1]")
    with pytest.raises(InputError) as caught:
        strictread.read_text(big, KIND, 1000)
    assert "at most 1,000 bytes" in caught.value.problems[0].message


def test_links_out_of_the_root_are_refused(tmp_path: Path) -> None:
    project, other = tmp_path / "project", tmp_path / "other"
    project.mkdir()
    other.mkdir()
    (other / "lock.json").write_text("{}")
    (project / "real.json").write_text("{}")
    (project / "inside.json").symlink_to("real.json")
    (project / "outside.json").symlink_to(other / "lock.json")
    assert strictread.read_text(project / "inside.json", KIND, 100, root=project) == "{}"
    with pytest.raises(InputError) as caught:
        strictread.read_text(project / "outside.json", KIND, 100, root=project)
    assert "outside the project" in caught.value.problems[0].message


def test_lock_names_must_match_the_brief_patterns() -> None:
    document = {
        "project": "shop",
        "brief": {"project": {"name": "shop", "team": "web \U0001f680", "cost_center": "CC-1"}},
        "design": {
            "environments": [{"name": "../../outside"}, {"name": "prod"}],
            "components": [{"environment": "prod", "id": "data_transfer", "kind": "a/b"}],
        },
    }
    assert [(where, value) for where, value, _ in bad_names(document)] == [
        ("design.environments[0].name", "../../outside"),
        ("design.components[0].kind", "a/b"),
        ("brief.project.team", "web \U0001f680"),
    ]


def test_tag_values() -> None:
    assert tag_value_problem("Équipe web: CC/1042 + ops@acme") is None
    assert tag_value_problem("web [/]") is not None
    assert tag_value_problem("x" * 257) is not None


def test_hcl_strings_outside_the_bmp_pass_terraform_fmt(tmp_path: Path) -> None:
    """json.dumps escaped 🚀 as a surrogate pair, which HCL refuses."""
    literal = _hcl("ship it \U0001f680 ${now}")
    text = "locals {\n  note = " + literal + "\n}\n"
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [terraform(), "fmt", "-check", "main.tf"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\U0001f680" in text
    assert "$${now}" in text
