"""Just enough shell structure for the script rules: commands, with comments and heredoc
bodies removed, and whether each one runs only under a condition (if, case, ||, a function).

Not a parser: `bash -n` (see linters.py) judges syntax; this only tracks nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

SEPARATORS = re.compile(r"\s*(;;|&&|\|\||;|\||&)\s*")
HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?")
FUNCTION = re.compile(r"^\s*(?:function\s+([\w:.-]+)(?:\s*\(\))?|([\w:.-]+)\s*\(\))\s*\{?")
# Functions whose body is an error path: their exits run only when called on an error.
HANDLER = re.compile(
    r"die|fail|fatal|abort|bail|panic|usage|err|cleanup|trap|on_exit|handler", re.I
)
OPENERS = {"if": "if", "case": "case"}
CLOSERS = {"fi": "if", "esac": "case", "done": "loop"}
BRACES = ("fn", "handler", "group", "guard")  # what a closing '}' ends
CONDITIONAL = ("if", "case", "handler", "guard")


@dataclass(frozen=True)
class Command:
    line: int  # 1-based
    text: str  # the command, without separators
    words: tuple[str, ...]
    conditional: bool  # runs only under an if/case/error-handler function, or after && / ||
    after_operator: str  # the separator before it on its line ('' at the start)


def strip_comment(line: str) -> str:
    """Drop a trailing comment, leaving '#' inside quotes and in ${#var} alone."""
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t;") and not line[:i].endswith("$"):
            return line[:i]
    return line


def commands(text: str) -> Iterator[Command]:
    stack: list[str] = []
    heredoc_end: str | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if heredoc_end is not None:
            if raw.strip() == heredoc_end:
                heredoc_end = None
            continue
        line = strip_comment(raw).rstrip()
        if number == 1 and raw.startswith("#!"):
            continue
        if not line.strip():
            continue
        doc = HEREDOC.search(line)
        if doc:
            heredoc_end = doc.group(1)
        start = FUNCTION.match(line)
        if start:
            stack.append("handler" if HANDLER.search(start.group(1) or start.group(2)) else "fn")
            line = line[start.end() :]
        parts = SEPARATORS.split(line)
        operator = ""
        for i in range(0, len(parts), 2):
            segment = parts[i].strip()
            if not segment:
                operator = parts[i + 1] if i + 1 < len(parts) else ""
                continue
            words = tuple(segment.split())
            first = words[0]
            if first in ("then", "else", "elif", "do", "{"):
                if first == "do":
                    stack.append("loop")
                elif first == "{":
                    # `cmd || { echo failed; exit 1; }`: the whole group runs only on failure.
                    stack.append("guard" if operator in ("&&", "||") else "group")
                if len(words) == 1:
                    operator = parts[i + 1] if i + 1 < len(parts) else ""
                    continue
                words = words[1:]
                first = words[0]
            conditional = any(s in CONDITIONAL for s in stack) or operator in (
                "&&",
                "||",
            )
            if first in OPENERS or first in ("while", "until", "for"):
                if first in OPENERS:
                    stack.append(OPENERS[first])
            elif first in CLOSERS:
                if CLOSERS[first] in stack:
                    while stack and stack.pop() != CLOSERS[first]:
                        pass
            elif first == "}" and any(s in BRACES for s in stack):
                while stack and stack.pop() not in BRACES:
                    pass
            else:
                yield Command(number, segment, words, conditional, operator)
            if words[-1] in ("fi", "esac", "done") and first not in CLOSERS:
                closer = CLOSERS[words[-1]]
                if closer in stack:
                    while stack and stack.pop() != closer:
                        pass
            if first == "if" and "then" in words[1:]:
                rest = segment.split("then", 1)[1].strip()
                if rest and not rest.startswith("fi"):
                    yield Command(number, rest, tuple(rest.split()), True, operator)
            operator = parts[i + 1] if i + 1 < len(parts) else ""
