"""Shell structure for the rules that depend on it: the commands a script runs (not the text
of its strings, comments or heredocs), whether each runs only under a condition, the folder
it runs in, and whether it runs in the background.

The parser is tree-sitter-bash: unlike bashlex 0.18 (its last release, 2023-01), which raises
NotImplementedError on `case`, `$(( ))`, `[[ ]]` and arrays (constructs most deploy scripts
use), it parses them all, and a syntax error becomes an ERROR node in the tree instead of an
exception (`bash -n` in linters.py judges syntax). It is imported on first use; if it is
missing or fails, a line-based reading that only tracks nesting takes over.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from infragate.audit import lazyre

if TYPE_CHECKING:
    from infragate.audit.repo import Repo

SEPARATORS = lazyre.compile(r"\s*(;;|&&|\|\||;|\||&)\s*")
HEREDOC = lazyre.compile(r"<<-?\s*['\"]?(\w+)['\"]?")
FUNCTION = lazyre.compile(r"^\s*(?:function\s+([\w:.-]+)(?:\s*\(\))?|([\w:.-]+)\s*\(\))\s*\{?")
# Functions whose body is an error path: their exits run only when called on an error.
HANDLER = lazyre.compile(
    r"die|fail|fatal|abort|bail|panic|usage|err|cleanup|trap|on_exit|handler", re.I
)
OPENERS = {"if": "if", "case": "case"}
CLOSERS = {"fi": "if", "esac": "case", "done": "loop"}
BRACES = ("fn", "handler", "group", "guard")  # what a closing '}' ends
CONDITIONAL = ("if", "case", "handler", "guard")


@dataclass(frozen=True)
class Command:
    line: int  # 1-based
    text: str  # the command, without separators (continuation lines joined)
    words: tuple[str, ...]  # its name and arguments, simple quotes removed
    conditional: bool  # runs only under an if/case/error-handler function, or after && / ||
    after_operator: str  # the separator before it ('' at the start)
    # The folder it runs in, relative to where the script starts, after the `cd`s before it;
    # None once a `cd` went somewhere that cannot be known offline ($VAR, ~, an absolute path).
    cwd: str | None = ""
    background: bool = False  # ended with '&'
    # Whether, in a block before it, the success path could already have exited ('exit 0'):
    # a failing exit after that is the error branch.
    after_success_exit: bool = False


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
    """Every command of a script, in order; parsed when the parser is there, else by lines."""
    parsed = parse(text)
    if parsed is not None:
        yield from parsed
    else:
        yield from line_commands(text)


def script(repo: Repo, path: str) -> list[Command]:
    """A file's commands, parsed once per audit however many rules ask."""
    key = f"shell:{path}"
    if key not in repo.memo:
        repo.memo[key] = list(commands(repo.text(path)))
    found: list[Command] = repo.memo[key]
    return found


@cache
def _parser() -> Any:
    try:
        import tree_sitter
        import tree_sitter_bash
    except ImportError:  # pragma: no cover - a broken install; the line reading takes over
        return None
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))


def parse(text: str) -> list[Command] | None:
    parser = _parser()
    if parser is None:
        return None
    try:
        tree = parser.parse(text.encode("utf-8"))
    except Exception:
        return None
    walker = _Walker(frozenset(TRAP.findall(text)))
    walker.block(tree.root_node, _Scope())
    return walker.out


@dataclass
class _Scope:
    conditional: bool = False
    cwd: str | None = ""
    operator: str = ""
    after_success_exit: bool = False


UNQUOTE = {"string", "raw_string"}
TRAP = lazyre.compile(r"\btrap\s+['\"]?([\w:.-]+)")
SUCCESS_EXIT = lazyre.compile(
    r"(?:^|[;&|)({]|\bthen|\bdo|\belse)\s*(?:exit|return)(?:\s+0)?\s*(?:;|\)|$)", re.M
)


def _text(node: Any) -> str:
    return str(node.text.decode("utf-8", "replace"))


def _word(node: Any) -> str:
    text = _text(node)
    if node.type in UNQUOTE and len(text) >= 2 and "$" not in text[1:-1]:
        return text[1:-1]
    if node.type == "string" and len(text) >= 2:
        return text[1:-1]
    return text


def _cd(cwd: str | None, target: str) -> str | None:
    if cwd is None or not target or target.startswith(("/", "~", "$", "-")) or "$" in target:
        return None
    joined = posixpath.normpath(posixpath.join(cwd, target))
    return "" if joined == "." else joined


class _Walker:
    def __init__(self, trapped: frozenset[str] = frozenset()) -> None:
        self.out: list[Command] = []
        self.trapped = trapped  # functions `trap` runs on a signal: error paths

    def block(self, node: Any, scope: _Scope) -> None:
        """A sequence of statements: `cd` carries on to the next, so does an earlier exit."""
        children = [c for c in node.children if c.is_named]
        for child in children:
            nxt = child.next_sibling
            background = nxt is not None and nxt.type == "&"
            self.statement(child, scope, background)
            if _has_success_exit(child):
                scope.after_success_exit = True

    def statement(self, node: Any, scope: _Scope, background: bool = False) -> None:
        kind = node.type
        if kind == "command":
            self.command(node, scope, background)
        elif kind in ("redirected_statement", "negated_command"):
            for child in node.children:
                if child.is_named and child.type not in (
                    "file_redirect",
                    "heredoc_redirect",
                    "herestring_redirect",
                    "heredoc_body",
                ):
                    self.statement(child, scope, background)
        elif kind == "list" or kind == "pipeline":
            self.sequence(node, scope, background)
        elif kind == "subshell":
            inner = _copy(scope)
            self.block(node, inner)
        elif kind == "compound_statement":
            self.block(node, scope)
        elif kind == "function_definition":
            name = node.child_by_field_name("name")
            handler = name is not None and (
                bool(HANDLER.search(_text(name))) or _text(name) in self.trapped
            )
            body = node.child_by_field_name("body")
            if body is not None:
                inner = _Scope(conditional=scope.conditional or handler, cwd=scope.cwd)
                self.statement(body, inner)
        elif kind == "if_statement":
            self.if_statement(node, scope)
        elif kind == "case_statement":
            for item in node.children:
                if item.type == "case_item":
                    self.block(item, _copy(scope, conditional=True))
        elif kind in ("while_statement", "for_statement", "c_style_for_statement"):
            for child in node.children:
                if child.type == "do_group":
                    self.block(child, _copy(scope))
                elif child.is_named and child.type in ("command", "list", "pipeline"):
                    self.statement(child, _copy(scope))
        elif kind in (
            "declaration_command",
            "variable_assignment",
            "test_command",
            "comment",
            "heredoc_body",
            "ERROR",
        ):
            if kind == "ERROR":
                self.block(node, scope)
        else:
            for child in node.children:
                if child.is_named:
                    self.statement(child, scope)

    def if_statement(self, node: Any, scope: _Scope) -> None:
        """The condition always runs; the branches only under it."""
        branch = _copy(scope, conditional=True)
        in_body = False
        for child in node.children:
            if child.type == "then":
                in_body = True
            elif child.type in ("elif_clause", "else_clause"):
                self.block(child, _copy(scope, conditional=True))
            elif child.is_named and child.type != "comment":
                self.statement(child, branch if in_body else _copy(scope), False)

    def sequence(self, node: Any, scope: _Scope, background: bool) -> None:
        operator = ""
        for child in node.children:
            if not child.is_named:
                operator = child.type
                continue
            if operator in ("", ";", "|"):
                step = _copy(scope)
                step.after_success_exit = scope.after_success_exit
            else:
                step = _copy(scope, conditional=True)
            step.operator = operator
            self.statement(child, step, background)
            # `cd dir && cmd`: the cd carries on within the list and after it.
            scope.cwd = step.cwd

    def command(self, node: Any, scope: _Scope, background: bool) -> None:
        words = tuple(
            _word(c)
            for c in node.children
            if c.is_named
            and c.type
            not in ("variable_assignment", "file_redirect", "herestring_redirect", "comment")
        )
        if not words:
            return
        text = re.sub(r"\\\n\s*", " ", _text(node)).strip()
        self.out.append(
            Command(
                line=node.start_point[0] + 1,
                text=text,
                words=words,
                conditional=scope.conditional or (scope.after_success_exit and _failing(words)),
                after_operator=scope.operator,
                cwd=scope.cwd,
                background=background,
                after_success_exit=scope.after_success_exit,
            )
        )
        if words[0] == "cd":
            scope.cwd = _cd(scope.cwd, words[1] if len(words) > 1 else "~")


def _failing(words: tuple[str, ...]) -> bool:
    return words[0] == "exit" and len(words) > 1 and words[1] != "0"


def _copy(scope: _Scope, *, conditional: bool | None = None) -> _Scope:
    return _Scope(
        conditional=scope.conditional if conditional is None else conditional or scope.conditional,
        cwd=scope.cwd,
        operator=scope.operator,
        after_success_exit=scope.after_success_exit,
    )


def _has_success_exit(node: Any) -> bool:
    """Whether a conditional part of this statement leaves the script with success."""
    if node.type in (
        "if_statement",
        "case_statement",
        "while_statement",
        "for_statement",
        "list",
        "until_statement",
    ):
        return bool(SUCCESS_EXIT.search(_text(node).replace("&&", "\n").replace("||", "\n")))
    return False


def line_commands(text: str) -> Iterator[Command]:
    """The fallback: commands found line by line, tracking only if/case/loop/function nesting."""
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
