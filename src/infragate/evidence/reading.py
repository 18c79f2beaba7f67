"""An evidence file as a document: its bytes (stored by hash), its values with the line of
each, and the problems found in it, each with a line and what to do."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from infragate import strictread
from infragate.errors import InputError, Problem
from infragate.yamldoc import Document, PathKey, parse, read_text

MAX_BYTES = 2_000_000  # evidence is a short JSON or YAML record, never a dump


@dataclass(frozen=True)
class EvidenceFile:
    path: Path
    content: bytes
    text: str
    document: Document

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _kind(kind: str) -> strictread.Kind:
    return strictread.Kind(
        f"a {kind} evidence file (JSON or YAML)",
        f"pass the file the {kind} step wrote ('infragate explain' for the rules)",
    )


def read_evidence_file(path: Path, kind: str) -> EvidenceFile:
    """Read JSON or YAML (JSON is YAML); every way it can fail is an InputError (exit 2)."""
    what = _kind(kind)
    text = read_text(path, what=what.what, create_hint=what.fix, max_bytes=MAX_BYTES)
    return _evidence(path, path.read_bytes(), text)


def evidence_from_bytes(filename: str, raw: bytes, kind: str) -> EvidenceFile:
    """An evidence file handed over as bytes (an upload in the portal), read as
    `read_evidence_file` reads one from disk: the same size limit, UTF-8 and parsing, and
    each problem named by the file's own name (never a folder of the server)."""
    name = Path(filename).name
    path = Path(name if name not in ("", ".", "..") else f"{kind}.json")
    what = _kind(kind)
    if len(raw) > MAX_BYTES:
        raise strictread.too_big(path, what, MAX_BYTES, len(raw))
    text = strictread.decode(path, raw, what)
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise InputError(path, [Problem("is empty", what.fix)])
    return _evidence(path, raw, text)


def _evidence(path: Path, content: bytes, text: str) -> EvidenceFile:
    document = parse(path, text)
    if not isinstance(document.data, dict):
        raise InputError(
            path,
            [Problem("is not a mapping of keys to values", "write the record as an object", 1)],
        )
    return EvidenceFile(path, content, text, document)


@dataclass
class Checker:
    """Reads typed values out of a document, collecting a Problem for each bad one."""

    doc: Document
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: PathKey, message: str, fix: str) -> None:
        where = self.doc.locate(key, value=True)
        self.problems.append(
            Problem(
                message,
                fix,
                line=where[0] if where else 1,
                field=".".join(str(k) for k in key) or None,
            )
        )

    def get(self, key: PathKey) -> Any:
        value: Any = self.doc.data
        for part in key:
            if isinstance(part, int):
                if not isinstance(value, list) or part >= len(value):
                    return None
            elif not isinstance(value, dict):
                return None
            value = value[part] if isinstance(part, int) else value.get(part)
        return value

    def text(self, key: PathKey, fix: str, required: bool = True) -> str | None:
        value = self.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, "is missing", fix)
            return None
        if isinstance(value, (dict, list, bool)):
            self.problem(key, f"is {type(value).__name__}, not text", fix)
            return None
        return str(value).strip()

    def number(self, key: PathKey, fix: str, required: bool = True) -> int | None:
        value = self.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing", fix)
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(key, f"is {value!r}, not a whole number of at least 0", fix)
            return None
        return value

    def time(self, key: PathKey, fix: str, required: bool = True) -> datetime | None:
        raw = self.text(key, fix, required)
        if raw is None:
            return None
        try:
            when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            self.problem(key, f"'{raw}' is not an ISO 8601 time", fix)
            return None
        if when.tzinfo is None:
            self.problem(key, f"'{raw}' has no time zone", "write UTC times, ending in Z")
            return None
        return when.astimezone(UTC)

    def items(self, key: PathKey, fix: str) -> Iterator[tuple[PathKey, Any]]:
        value = self.get(key)
        if not isinstance(value, list) or not value:
            self.problem(key, "is missing or empty; a list is expected", fix)
            return
        for index, item in enumerate(value):
            yield (*key, index), item

    def known_keys(self, key: PathKey, allowed: frozenset[str], fix: str) -> None:
        value = self.get(key)
        if not isinstance(value, dict):
            return
        for name in value:
            if name not in allowed:
                self.problem(
                    (*key, name),
                    f"'{name}' is not a key of this record (known: {', '.join(sorted(allowed))})",
                    fix,
                )

    def finish(self) -> None:
        if self.problems:
            problems = sorted(self.problems, key=lambda p: (p.line or 0, p.field or ""))
            raise InputError(self.doc.path, problems)


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
