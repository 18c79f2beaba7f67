"""Reading a route handler's body without a parser: the block after a Python decorator, a
braced body, the rest of a call's arguments; and whether that body touches a datastore."""

from __future__ import annotations

import re

from infragate.audit import lazyre

MAX_BODY = 6000  # characters: a health handler is short; a runaway scan stops here
# Calls and names that reach a database, cache or connection pool, in the frameworks the
# audit knows. A match means the handler checks something beyond its own process.
DATASTORE_CALL = lazyre.compile(
    r"\b(db|database|session|engine|conn|connection|connections|pool|prisma|redis|cache|"
    r"ping|pingCheck|execute|query|queryRaw|\$queryRaw|sql|cursor|mongo\w*|datasource|"
    r"dataSource|repository|sequelize|knex|typeorm|objects|ActiveRecord|PDO|getPdo|"
    r"HealthCheckService|HealthIndicator\w*|select|Ping|PingContext|"
    r"check_database|DB)\b",
    re.I,
)


def datastore_call(body: str) -> str | None:
    """The first word of `body` that touches a datastore, or None: it returns a constant."""
    match = DATASTORE_CALL.search(body)
    return match.group(0) if match else None


def braced(text: str, start: int) -> str:
    """From the first `{` at or after `start` to its matching `}` (strings not skipped)."""
    open_at = text.find("{", start)
    if open_at < 0:
        return ""
    depth = 0
    for i in range(open_at, min(len(text), open_at + MAX_BODY)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[open_at : i + 1]
    return text[open_at : open_at + MAX_BODY]


def called(text: str, start: int) -> str:
    """The rest of a call's arguments from `start` (inside the parentheses) to its `)`."""
    depth = 1
    for i in range(start, min(len(text), start + MAX_BODY)):
        if text[i] in "([{":
            depth += 1
        elif text[i] in ")]}":
            depth -= 1
            if depth == 0:
                return text[start:i].lstrip(" ,\t\n")
    return text[start : start + MAX_BODY].lstrip(" ,\t\n")


def python_block(lines: list[str], number: int, *, decorated: bool = True) -> str:
    """The function under the decorator on 1-based line `number` (or defined on it), with
    its signature: dependencies injected as parameters (`db: Session`) count as touched."""
    index = number - 1
    if decorated:
        while index < len(lines) and not re.match(r"^\s*(async\s+)?def\s", lines[index]):
            index += 1
    if index >= len(lines):
        return ""
    indent = len(lines[index]) - len(lines[index].lstrip())
    # The function's own name is not a call: `def ping()` checks nothing by being named so.
    body = [re.sub(r"\bdef\s+\w+", "def", lines[index])]
    for line in lines[index + 1 :]:
        if (
            line.strip()
            and len(line) - len(line.lstrip()) <= indent
            and not line.lstrip().startswith(")")
        ):
            break
        body.append(line)
    return "\n".join(body)
