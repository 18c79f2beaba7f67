"""Stored text is data, never markup or terminal commands: an owner name and a waiver
reason holding Rich markup (`[/]`, which crashed every later command) and escape
sequences (clear screen, window title) print as text in every command that shows them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from infragate.cli.common import as_json, make_console
from infragate.report.safe_text import cell, plain, shown
from tests.helpers import brief_text, run_cli
from tests.lifecycle_helpers import ANN, BOB
from tests.signing_keys import key_for, write_signers

# OSC 0 (window title), CSI 2J (clear screen), CSI 31m (red), a C1 CSI, BEL and markup
HOSTILE = "[/] \x1b]0;pwned\x07 \x1b[2J\x1b[31m \x9b31m [bold]shout[/bold] \x1b"
NAME = "Ann [/] \x1b]0;owned\x07Infra"
IN_A_MONTH = (date.today() + timedelta(days=30)).isoformat()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink, ST
        ("a\x1b[2Jb\x1b[1;31mc", "abc"),  # CSI
        ("a\x9b2Jb\x85c\x7fd", "a2Jbcd"),  # C1 CSI, NEL, DEL
        ("a\x00b\x08c\rd\x0ce", "abcde"),  # C0
        ("a\x1bPq#0\x1b\\b", "ab"),  # DCS (sixel)
        ("line\n\ttab é ✓ 🦀", "line\n\ttab é ✓ 🦀"),  # text stays
        ("abc\u202edcba", "abcdcba"),  # a bidi override
        ("ends in ESC\x1b", "ends in ESC"),
    ],
)
def test_plain_strips_terminal_controls_and_keeps_text(raw: str, expected: str) -> None:
    assert plain(raw) == expected


def test_markup_in_a_value_prints_as_written() -> None:
    console = Console(record=True, width=200, color_system=None)
    console.print(f"[bold]reason[/]: {shown(HOSTILE)}")
    console.print(cell("[/] in a cell"))
    text = console.export_text()
    assert "[/]" in text and "[bold]shout[/bold]" in text and "[/] in a cell" in text
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text


def test_every_console_strips_controls_a_call_site_forgot(
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_console().print("forgot \x1b]0;title\x07 to clean \x1b[2J this", markup=False)
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "forgot" in out and "this" in out


def test_json_escapes_c1_controls() -> None:
    text = as_json({"reason": "a\x9bb\x1bc"})
    assert "\x9b" not in text and "\x1b" not in text
    assert json.loads(text)["reason"] == "a\x9bb\x1bc"  # the data itself is kept


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A production brief whose infra owner's name is hostile, with SQLite (RS003, a
    blocker) waived for a hostile reason, approved and frozen."""
    owners = {
        "owners": [
            {"name": NAME, "email": ANN, "roles": ["infra_owner"]},
            {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
        ],
        "workload": {"datastores": ["sqlite"]},
    }
    tmp_path = tmp_path_factory.mktemp("hostile")
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "brief.yaml").write_text(brief_text("production", owners))
    write_signers(tmp_path / "infra", (ANN, BOB))
    steps = [
        ("waive", "RS003", "--as", ANN, "--reason", HOSTILE, "--expires", IN_A_MONTH),
        ("approve", "--role", "infra_owner", "--as", ANN, "--key", str(key_for(ANN))),
        ("approve", "--role", "budget_owner", "--as", BOB, "--key", str(key_for(BOB))),
        ("freeze",),
    ]
    for step in steps:
        code, out = cli(tmp_path, *step)
        assert code == 0, (step, out)
    return tmp_path


def cli(repo: Path, *args: str) -> tuple[int, str]:
    done = run_cli(*args, cwd=repo, env={"INFRAGATE_DATABASE_URL": f"sqlite:///{repo / 's.db'}"})
    return done.returncode, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("command", "shows"),
    [
        (("status",), ("[/] ", "Ann [/] Infra")),
        (("log",), ("[/] ", "Ann [/] Infra")),
        (("plan",), ("[/] ",)),
        (("check",), ("[/] ",)),
        (("history",), ()),
        (("verify",), ()),
        (("status", "--format", "json"), ("[/] ",)),
        (("log", "--format", "json"), ("Ann [/] ",)),
        (("plan", "--format", "markdown"), ("[/] ",)),
    ],
)
def test_commands_print_hostile_stored_text_as_text(
    repo: Path, command: tuple[str, ...], shows: tuple[str, ...]
) -> None:
    code, out = cli(repo, *command)
    assert code in (0, 1), out
    assert "Traceback" not in out and "internal error" not in out, out
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out, repr(out)
    for text in shows:
        assert text in out, (text, out)
