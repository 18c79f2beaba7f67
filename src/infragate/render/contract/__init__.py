"""The application's contract with its container: how it starts, where it is checked,
what it reads. Taken from the brief's `workload.app` inputs, else from the repository's
own code (read with the audit's walker); `render` refuses what neither says."""

from __future__ import annotations

from pathlib import Path

from infragate.audit.repo import Repo
from infragate.render.contract.model import Contract, ContractUnknown, Install, Process, Variable
from infragate.render.contract.resolve import resolve

__all__ = [
    "Contract",
    "ContractUnknown",
    "Install",
    "Process",
    "Variable",
    "read_repository",
    "resolve",
]


def read_repository(root: Path) -> Repo:
    """The project's files as the audit sees them (.gitignore honoured, vendored folders
    skipped); the only I/O of the contract."""
    from infragate.audit.walker import walk

    walked = walk(root)
    return Repo(texts=walked.texts, paths=frozenset(walked.paths), dirs=frozenset(walked.dirs))
