"""One strict reader for every file a person hands infragate (brief, lock, state, design).

Reading is where hostile or unlucky input first meets the program, so every way a file can
be wrong becomes an `InputError` naming the file, the line and what to do (exit code 2):

- what is at the path is checked before it is opened: a directory, a named pipe (FIFO), a
  device or a socket is refused without reading a byte, and the file is opened with
  O_NONBLOCK so that a pipe swapped in after the check cannot block the run either;
- a symbolic link that leads out of the project (`root`) is refused: a lock file that links
  to another project's would make infragate act on that project;
- at most `max_bytes` are read, whatever the file claims its size is (/dev/zero, /proc);
- JSON is read strictly: a duplicate key (a reviewer reads one value, a machine uses the
  other), NaN and Infinity, an integer of more than `MAX_INT_DIGITS` digits, a number too
  large for money and nesting deeper than `MAX_DEPTH` are refused, each with its line.

YAML goes through `yamldoc`, which applies the same caps to what PyYAML composes.
"""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from infragate.errors import InputError, Problem

MAX_DEPTH = 64  # nesting of objects and lists; infragate's own documents use under 15
MAX_INT_DIGITS = 30  # more than any count, size or money amount infragate reads
MAX_NUMBER_CHARS = 40  # a decimal written with more characters than this is not an amount
MAX_EXPONENT = 30  # 1e30 is already past any budget or size


@dataclass(frozen=True)
class Kind:
    """What is read, for the messages: 'a brief', and how a person gets a good one."""

    what: str
    fix: str


def fail(
    path: Path, message: str, fix: str, line: int | None = None, column: int | None = None
) -> InputError:
    return InputError(path, [Problem(message=message, fix=fix, line=line, column=column)])


_SPECIAL = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), which would block the run"),
    (stat.S_ISCHR, "is a character device"),
    (stat.S_ISBLK, "is a block device"),
    (stat.S_ISSOCK, "is a socket"),
)


def special_kind(mode: int) -> str | None:
    """Why a file of this mode is not read, or None for a regular file."""
    for test, why in _SPECIAL:
        if test(mode):
            return why
    return None if stat.S_ISREG(mode) else "is not a regular file"


def inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def check_link(path: Path, root: Path | None, kind: Kind) -> None:
    """Refuse a path that is (or passes through) a symbolic link leading out of `root`."""
    if root is None:
        return
    real_root = root.resolve()
    target = path.resolve()
    if not inside(real_root, target):
        raise fail(
            path,
            f"is a symbolic link to {target}, outside the project {real_root}; infragate does "
            "not follow links out of the project it works on",
            f"put {kind.what} itself at {path} (copy the file instead of linking it)",
        )


def read_bytes(path: Path, kind: Kind, max_bytes: int, *, root: Path | None = None) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; anything else is an InputError."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise fail(path, f"no such file; expected {kind.what} here", kind.fix) from None
    except NotADirectoryError:
        raise fail(path, "a folder on this path is a file", "check the path") from None
    except OSError as exc:
        raise fail(
            path, f"cannot be read: {exc.strerror}", "check the path and its permissions"
        ) from None
    check_link(path, root, kind)
    why = special_kind(st.st_mode)
    if why is not None:
        raise fail(path, f"{why}, not {kind.what}", f"pass the path of {kind.what}")
    if st.st_size > max_bytes:
        raise too_big(path, kind, max_bytes, st.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise fail(
            path, f"cannot be read: {exc.strerror}", "check the file's permissions"
        ) from None
    try:
        why = special_kind(os.fstat(fd).st_mode)  # swapped for a pipe since the check?
        if why is not None:
            raise fail(path, f"{why}, not {kind.what}", f"pass the path of {kind.what}")
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except BlockingIOError:
        raise fail(path, "would block when read", f"pass the path of {kind.what}") from None
    except OSError as exc:
        raise fail(path, f"cannot be read: {exc.strerror}", "check the file") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise too_big(path, kind, max_bytes, None)
    return b"".join(chunks)


def size_text(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{count:,} bytes"


def too_big(path: Path, kind: Kind, max_bytes: int, size: int | None) -> InputError:
    said = f"is {size_text(size)}" if size is not None else "is longer than it claims"
    return fail(
        path,
        f"{said}; {kind.what} is at most {size_text(max_bytes)}",
        f"check that this is really {kind.what}; {kind.fix}",
    )


def decode(path: Path, raw: bytes, kind: Kind) -> str:
    if b"\x00" in raw:
        raise fail(path, f"is a binary file, not {kind.what}", kind.fix)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(path, "is not UTF-8 text", "save the file as UTF-8", line) from None


def read_text(path: Path, kind: Kind, max_bytes: int, *, root: Path | None = None) -> str:
    return decode(path, read_bytes(path, kind, max_bytes, root=root), kind)


# -- strict JSON -----------------------------------------------------------------------


class _Bad(ValueError):
    def __init__(self, message: str, needle: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.needle = needle  # text to look for, to give the line


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Bad(f"duplicate key '{key}'", json.dumps(key))
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _Bad(f"'{name}' is not a number JSON allows", name)


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Bad(f"a number of {len(text)} digits (at most {MAX_INT_DIGITS})", text[:20])
    return int(text)


def _float(text: str) -> Decimal:
    number = Decimal(text)
    exponent = number.adjusted() if number else 0
    if len(text) > MAX_NUMBER_CHARS or abs(exponent) > MAX_EXPONENT:
        raise _Bad(
            f"the number {text[:20]}{'…' if len(text) > 20 else ''} is out of range", text[:20]
        )
    return number


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _too_deep_at(text: str, limit: int) -> int | None:
    depth = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return _line_of(text, match.start())
        elif token in "]}":
            depth -= 1
    return None


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


def _no_decimal(text: str) -> Any:
    raise _Bad(
        f"the number {text[:20]} has a fraction or an exponent; this file carries money and "
        "figures as strings and counts as whole numbers",
        text[:20],
    )


def _as_float(text: str) -> float:
    return float(_float(text))


FLOATS = {"decimal": _float, "float": _as_float, "refuse": _no_decimal}


def loads(
    path: Path, text: str, kind: Kind, *, max_depth: int = MAX_DEPTH, floats: str = "decimal"
) -> Any:
    """Parse JSON strictly (see the module's docstring). A number with a fraction comes back
    as a Decimal (`floats="decimal"`), a float (`"float"`: data others wrote, a Terraform
    state) or is refused (`"refuse"`: infragate's own documents write no such number)."""
    too_deep = f"nested deeper than {max_depth} levels"
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=_int,
            parse_float=FLOATS[floats],
        )
    except _Bad as exc:
        line = None
        if exc.needle:
            found = _find(text, exc.needle, exc.message.startswith("duplicate"))
            line = None if found is None else _line_of(text, found)
        raise fail(path, exc.message, kind.fix, line) from None
    except json.JSONDecodeError as exc:
        raise fail(path, f"not JSON: {exc.msg}", kind.fix, exc.lineno, exc.colno) from None
    except RecursionError:
        raise fail(path, too_deep, kind.fix, _too_deep_at(text, max_depth)) from None
    except ValueError as exc:  # a number Python itself refuses to convert
        raise fail(path, f"unreadable number: {exc}", kind.fix) from None
    if _depth(data) > max_depth:
        raise fail(path, too_deep, kind.fix, _too_deep_at(text, max_depth))
    return data


def _find(text: str, needle: str, second: bool) -> int | None:
    """Offset of `needle` (its second occurrence as a key, for a duplicate key)."""
    if not second:
        at = text.find(needle)
        return None if at < 0 else at
    hits = [m.start() for m in re.finditer(re.escape(needle) + r"\s*:", text)]
    return hits[1] if len(hits) > 1 else (hits[0] if hits else None)


def read_json(
    path: Path,
    kind: Kind,
    max_bytes: int,
    *,
    root: Path | None = None,
    max_depth: int = MAX_DEPTH,
    floats: str = "decimal",
) -> tuple[str, Any]:
    """(text, data) of a JSON file read and parsed strictly."""
    text = read_text(path, kind, max_bytes, root=root)
    return text, loads(path, text, kind, max_depth=max_depth, floats=floats)
