"""Bad briefs: every one gets file:line:column, the field, what was expected and a fix; exit 2."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.errors import InputError
from tests.helpers import FIXTURES, run_cli

GOOD = (FIXTURES / "bases" / "mvp.yaml").read_text()


def _problems(tmp_path: Path, text: str | bytes) -> InputError:
    path = tmp_path / "brief.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_brief(path)
    return caught.value


def test_good_brief_loads() -> None:
    loaded = load_brief(FIXTURES / "bases" / "mvp.yaml")
    assert loaded.brief.project.name == "fixture-app"
    assert str(loaded.brief.load.peak_rps) == "10"


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("peak_rps:", "peak_rsp:"))
    (p,) = err.problems
    assert p.field == "load.peak_rsp"
    assert p.message == "unknown key 'peak_rsp'"
    assert "did you mean 'peak_rps'?" in p.fix
    assert p.line == 8


def test_unknown_top_level_key(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD + "budjet: {monthly_usd: 5}\n")
    (p,) = err.problems
    assert (p.field, p.line, p.column) == ("budjet", 13, 1)
    assert "did you mean 'budget'?" in p.fix


def test_wrong_type_names_line_column_and_example(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("peak_rps: 10", "peak_rps: lots"))
    (p,) = err.problems
    assert p.field == "load.peak_rps"
    assert (p.line, p.column) == (8, 31)  # the value, not the key
    assert "'lots'" in p.message
    assert "peak_rps: 15" in p.fix


def test_bad_choice_suggests_a_close_value(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("maturity: mvp", "maturity: prodution"))
    (p,) = err.problems
    assert p.field == "maturity" and p.line == 6
    assert "did you mean 'production'?" in p.fix


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("peak_rps: 10", "peak_rps: -3").replace("users: 1000", "users: many")
    err = _problems(tmp_path, text)
    assert {p.field for p in err.problems} == {"load.users", "load.peak_rps"}


def test_list_item_field(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("bob@example.com", "bob-at-example"))
    (p,) = err.problems
    assert p.field == "owners[1].email" and p.line == 5


def test_missing_required_key_in_an_owner(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("email: bob@example.com, ", ""))
    (p,) = err.problems
    assert p.field == "owners[1].email"
    assert p.message == "'email' is required"
    assert "add 'email:'" in p.fix


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ("version: 1\nproject: {name: x\n", "malformed YAML", 3),
        ("version: 1\n  project: 1\n", "malformed YAML", 2),
        ("", "is empty", None),
        ("# only a comment\n\n", "is empty", None),
        ("- a\n- b\n", "must be a mapping", 1),
        ("version: 1\nversion: 1\n", "duplicate key 'version' (first at line 1)", 2),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file", None),
        (b"version: 1\nproject: {name: caf\xe9}\n", "not UTF-8", 2),
        ("version: 1\nload: {peak_rps: .nan}\n", "not a usable number", 2),
        ("version: 1\nproject: !!python/object:os.system {}\n", "unsupported YAML tag", 2),
        ("version: 1\nbase: &b {a: 1}\nproject:\n  <<: *b\n", "merge keys", 4),
    ],
)
def test_malformed_files(
    tmp_path: Path, content: str | bytes, message: str, line: int | None
) -> None:
    err = _problems(tmp_path, content)
    (p,) = err.problems
    assert message in p.message
    assert p.line == line
    assert p.fix


def test_yaml_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    err = _problems(tmp_path, "\n".join(lines) + "\n")
    assert "aliases" in err.problems[0].fix


def test_file_of_50_mb_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)
    with pytest.raises(InputError) as caught:
        load_brief(path)
    assert "is 50.0 MB" in caught.value.problems[0].message


def test_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_brief(tmp_path / "nope.yaml")
    assert "infragate init" in caught.value.problems[0].fix


@pytest.mark.parametrize(
    "content",
    ["version: 1\nload: {peak_rps: lots}\n", b"\x00\x01binary", "{{{{", ""],
    ids=["wrong-type", "binary", "malformed", "empty"],
)
def test_cli_exit_2_and_no_traceback(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "brief.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    for command in ("check", "plan"):
        result = run_cli(command, path)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert str(path) in result.stderr
        assert "fix:" in result.stderr


def test_cli_missing_file_and_directory(tmp_path: Path) -> None:
    for target in (tmp_path / "missing.yaml", tmp_path):
        result = run_cli("check", target)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr


def test_repeated_list_entries_are_refused(tmp_path: Path) -> None:
    err = _problems(tmp_path, GOOD.replace("services: [web]", "services: [web, worker, web]"))
    (p,) = err.problems
    assert p.field == "workload.services"
    assert p.message == "'web' is listed twice"


@pytest.mark.parametrize(
    ("field", "value"),
    [("users", "100000000000000000000000000000"), ("peak_rps", "1e25"), ("data_gb", "1e30")],
)
def test_absurd_figures_are_input_errors(tmp_path: Path, field: str, value: str) -> None:
    text = re.sub(rf"{field}: [0-9.]+", f"{field}: {value}", GOOD)
    err = _problems(tmp_path, text)
    assert err.problems[0].field == f"load.{field}"
    assert "less than or equal" in err.problems[0].message


def test_random_corruptions_never_escape_as_exceptions(catalog, book) -> None:  # type: ignore[no-untyped-def]
    """Mutate a valid brief a thousand ways: only InfragateError may come out."""
    from infragate.brief.loader import parse_brief
    from infragate.design.planner import plan
    from infragate.errors import InfragateError
    from infragate.gate import evaluate

    rng = random.Random(20261122)
    alphabet = [*list("{}[]:,-#&*!|>'\"\n\t 0123456789.e_abcxyz~"), "null", "1e400", "true"]
    outcomes = {"error": 0, "blocked": 0, "planned": 0}
    for _ in range(1000):
        text = list(GOOD)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(text))
            action = rng.choice(("insert", "delete", "replace"))
            if action == "insert":
                text.insert(pos, rng.choice(alphabet))
            elif action == "delete":
                del text[pos]
            else:
                text[pos] = rng.choice(alphabet)
        try:
            loaded = parse_brief(Path("fuzz.yaml"), "".join(text))
            if evaluate(loaded, catalog).blocked:
                outcomes["blocked"] += 1
            else:
                plan(loaded.brief, catalog, book)
                outcomes["planned"] += 1
        except InfragateError:
            outcomes["error"] += 1
    assert all(outcomes.values()), outcomes  # every path was exercised


def test_unknown_data_residency_names_the_field_and_line(tmp_path: Path) -> None:
    text = GOOD.replace("data: {", "data: {residency: europe, ")
    assert text != GOOD
    err = _problems(tmp_path, text)
    assert err.problems, err
    p = err.problems[0]
    assert p.field.startswith("data.residency") and p.line is not None
    assert "eu" in (p.message + p.fix)
