"""Kubernetes Secret manifests: `data:` holds base64 values and `stringData:` plain ones; a
real value in either is a credential in git (the manifest is applied as it is)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass

from infragate.audit import lazyre
from infragate.audit.repo import Repo
from infragate.audit.secrets.assignments import is_secret_name
from infragate.audit.secrets.places import Place
from infragate.audit.secrets.values import is_stand_in, looks_random

DESCRIBES_ACCOUNT = lazyre.compile(r"user|name|database|(?:^|_)db(?:_|$)", re.I)
SECRET_KIND = lazyre.compile(r"^kind:\s*[\"']?Secret[\"']?\s*$", re.M)


@dataclass(frozen=True)
class SecretEntry:
    line: int  # 1-based
    key: str
    value: str  # as written in the file; for tests that check no output shows it
    confidence: str


def _decoded(value: str) -> str | None:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _entries(repo: Repo, path: str) -> Iterator[tuple[int, str, str, str | None]]:
    """(line, key, value as written, value decoded) of every entry of every Secret."""
    text = repo.text(path)
    if "Secret" not in text or not SECRET_KIND.search(text):
        return
    for doc in repo.yaml(path):
        data = doc.data
        if not isinstance(data, dict) or data.get("kind") != "Secret":
            continue
        for section, encoded in (("data", True), ("stringData", False)):
            entries = data.get(section)
            if not isinstance(entries, dict):
                continue
            for key, raw in sorted(entries.items(), key=lambda kv: str(kv[0])):
                line = doc.lines.get((section, key))
                if isinstance(raw, str) and line is not None:
                    yield line, str(key), raw, _decoded(raw) if encoded else raw


def entry_lines(repo: Repo, path: str) -> set[int]:
    """The lines of Secret entries, judged here and not as plain `key: value` lines."""
    return {line for line, *_ in _entries(repo, path)}


def secret_entries(repo: Repo, path: str, place: Place) -> Iterator[SecretEntry]:
    entries = list(_entries(repo, path))
    # A password equal to the Secret's user or database name is a demo value.
    plain = {
        v for _, k, _, v in entries if v and DESCRIBES_ACCOUNT.search(k) and not is_secret_name(k)
    }
    for line, key, raw, value in entries:
        if value is None or value in plain or is_stand_in(value.strip(), key):
            continue
        random = looks_random(value.strip())
        if not random and not is_secret_name(key):
            continue  # a Secret's `database` or `username` entry
        confidence = "high" if random else "medium"
        if place is not Place.operations:
            confidence = "medium" if random else "low"
        yield SecretEntry(line, key, raw, confidence)
