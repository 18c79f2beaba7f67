"""Canonical JSON: one byte sequence per value, so that a sha256 names a document.

Sorted keys, no insignificant whitespace, UTF-8, and no binary floats anywhere:
money and figures travel as decimal strings, so a hash never depends on how a
platform prints 0.1. The same rules serve baselines, lock files and the audit trail.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def _reject_floats(value: Any, where: str = "$") -> None:
    if isinstance(value, float):
        raise TypeError(f"{where} is a float ({value!r}); write money and figures as strings")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{where} has a non-text key {key!r}")
            _reject_floats(item, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _reject_floats(item, f"{where}[{i}]")


def canonical_json(value: Any) -> str:
    _reject_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest(value: Any) -> str:
    """The sha256 of a value's canonical JSON."""
    return sha256_hex(canonical_json(value))


def pretty_json(value: Any) -> str:
    """Stable, reviewable JSON for files people diff: sorted keys, two-space indent."""
    _reject_floats(value)
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
