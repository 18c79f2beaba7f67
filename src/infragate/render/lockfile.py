"""Terraform's dependency lock files (`.terraform.lock.hcl`) as `render` and `drift` compare
them.

The rendered lock file of each root holds the provider's hash for linux_amd64 only: the
platform of GitHub's hosted runners, and the only one the filesystem mirror holds. On
another platform (macOS: darwin_arm64) `terraform init` fails on it until someone runs

    terraform providers lock -platform=linux_amd64 -platform=darwin_arm64

which adds that platform's hashes and rewrites the file, dropping infragate's stamp line
(Terraform writes the file from scratch). Such a file still selects the same provider
versions under the same constraints and still holds every hash infragate rendered: it is
the same lock, so it is neither a hand edit that stops `render` nor drift, and `render`
leaves it as it is (rewriting it would drop the other platform's hashes again). A lock that
selects another version, changes a constraint, adds or drops a provider, or lost a hash
infragate rendered is a change like any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from infragate.render import stamp

NAME = ".terraform.lock.hcl"
_PROVIDER = re.compile(r'^provider\s+"(?P<source>[^"]+)"\s*\{(?P<body>.*?)^\}', re.M | re.S)
_ATTRIBUTE = re.compile(r'^\s*(?P<key>version|constraints)\s*=\s*"(?P<value>[^"]*)"\s*$', re.M)
_HASHES = re.compile(r"^\s*hashes\s*=\s*\[(?P<items>[^\]]*)\]", re.M)
_STRING = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class Selection:
    """What a lock file records for one provider."""

    version: str
    constraints: str
    hashes: frozenset[str]


def is_lock(path: str) -> bool:
    return PurePosixPath(path).name == NAME


def selections(text: str) -> dict[str, Selection]:
    """Provider source address -> its selection, from a lock file's text (stamped or not)."""
    _, body = stamp.read(text)
    out = {}
    for block in _PROVIDER.finditer(body):
        inner = block["body"]
        attributes = {m["key"]: m["value"] for m in _ATTRIBUTE.finditer(inner)}
        hashes = _HASHES.search(inner)
        out[block["source"]] = Selection(
            attributes.get("version", ""),
            attributes.get("constraints", ""),
            frozenset(_STRING.findall(hashes["items"])) if hashes else frozenset(),
        )
    return out


def only_gained_hashes(before: str, after: str) -> bool:
    """True if the lock file `before` (the repository's) records the same providers, versions
    and constraints as `after` (the rendered one) and every hash `after` records: what
    `terraform providers lock -platform=...` leaves after adding another platform."""
    theirs, ours = selections(before), selections(after)
    if not ours or theirs.keys() != ours.keys():
        return False
    return all(
        (theirs[p].version, theirs[p].constraints) == (ours[p].version, ours[p].constraints)
        and ours[p].hashes <= theirs[p].hashes
        for p in ours
    )
