"""A secrets inventory must never hold a value: the audit's detectors read it as if it
were an operations file, and anything they take for a credential refuses the file."""

from __future__ import annotations

from infragate.audit.repo import Repo
from infragate.audit.secrets.scanner import REPORTED, candidates
from infragate.errors import InputError, Problem
from infragate.evidence.reading import EvidenceFile

# Read as operations configuration: the most suspicious place the detectors know.
AS_PATH = "deploy/secrets-inventory.yaml"


def secret_values(f: EvidenceFile) -> InputError | None:
    """An InputError naming every line that looks like a secret value, or None."""
    repo = Repo.from_texts({AS_PATH: f.text})
    lines = sorted(
        {c.line: c for c in candidates(repo, AS_PATH) if c.confidence in REPORTED}.items()
    )
    if not lines:
        return None
    return InputError(
        f.path,
        [
            Problem(
                f"looks like a secret value ({c.kind}); the file was not stored",
                "remove the value: an inventory names each secret, where it is stored and "
                "how it is rotated. If the value is real, rotate it now: it was written down",
                line=line,
            )
            for line, c in lines
        ],
    )
