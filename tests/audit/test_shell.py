"""Shell structure as the rules read it: commands, not the text of strings, comments or
heredocs; conditions; the folder a command runs in; and a fallback when the parser fails."""

from __future__ import annotations

import pytest

from infragate.audit import shell
from infragate.audit.shell import commands, line_commands, parse

SCRIPT = """#!/bin/bash
set -e
# git reset --hard is never run here
echo "git reset --hard"
cat <<BODY
rm -rf /srv/app
BODY
cd app && docker compose down -v
(cd sub && ls)
npm start &
for i in $(seq 30); do
  if curl -fs http://localhost:3000/; then
    exit 0
  fi
  sleep 1
done
echo "timed out" >&2
exit 1
"""


def _by_name(name: str) -> list[shell.Command]:
    found = parse(SCRIPT)
    assert found is not None
    return [c for c in found if c.words[0] == name]


def test_strings_comments_and_heredocs_are_not_commands() -> None:
    names = [c.words[0] for c in parse(SCRIPT) or []]
    assert "git" not in names and "rm" not in names
    assert _by_name("echo")[0].words == ("echo", "git reset --hard")


def test_cd_carries_on_within_its_list_and_not_out_of_a_subshell() -> None:
    (docker,) = _by_name("docker")
    assert docker.cwd == "app" and docker.conditional  # after &&
    (ls,) = _by_name("ls")
    assert ls.cwd == "app/sub"
    (npm,) = _by_name("npm")
    assert npm.cwd == "app" and npm.background


def test_an_exit_after_the_success_path_exited_is_the_error_branch() -> None:
    exits = _by_name("exit")
    assert [(e.line, e.conditional) for e in exits] == [(13, True), (18, True)]


def test_an_exit_on_the_normal_path_is_unconditional() -> None:
    found = parse("#!/bin/sh\napt-get update\nexit 1\necho never\n") or []
    assert [(c.words[0], c.conditional) for c in found][-2:] == [("exit", False), ("echo", False)]


def test_syntax_bashlex_trips_on_parses() -> None:
    text = 'case "$1" in\n  a) exit 0 ;;\nesac\nx=$(( 1 + 2 ))\n[[ -f x ]] && exit 1\na=(1 2)\nexit 2\n'
    found = parse(text) or []
    assert [(c.line, c.conditional) for c in found if c.words[0] == "exit"] == [
        (2, True),
        (5, True),
        (7, True),  # after `a) exit 0`, exit 2 is the usage error
    ]


def test_a_broken_script_still_yields_its_commands() -> None:
    found = parse("if true; then\n  echo a\nfi\nfi\nexit 1\n") or []
    assert ("exit", "1") in [c.words for c in found]


def test_the_line_reader_takes_over_when_the_parser_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def parse(self, _: bytes) -> None:
            raise RuntimeError("parser failure")

    monkeypatch.setattr(shell, "_parser", lambda: Broken())
    assert parse(SCRIPT) is None
    assert [c.line for c in commands(SCRIPT)] == [c.line for c in line_commands(SCRIPT)]
    assert any(c.words[0] == "exit" for c in commands(SCRIPT))
