"""Projects kept in the store: a project created in the portal has no repository, so its
brief and its allowed signers (the owners' SSH public keys) live in the store, every
version kept and each named in the trail (`document.stored`, with its SHA-256).

They are the same files a repository would hold: `infra/brief.yaml` and
`infra/allowed_signers`, downloadable so that a repository can take the project over, and
read by the same code (the brief parser, `ssh-keygen -Y verify`). Whoever may change the
allowed signers may make approvals verify, so only an admin does, and each change is
in the trail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from infragate.brief.loader import LoadedBrief, parse_brief
from infragate.canonical import sha256_hex
from infragate.errors import InputError, Problem, Refused
from infragate.lifecycle import signing
from infragate.lifecycle.clock import Clock
from infragate.store import project_documents as docs
from infragate.store import repository as repo
from infragate.store.engine import Store

BRIEF = "brief"
SIGNERS = "allowed_signers"
# The same bounds as for the files in a repository (strictread's brief limit, signing's).
BRIEF_BYTES = 1_000_000
_KEY_TYPES = re.compile(
    r"^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|"
    r"sk-ecdsa-sha2-nistp256@openssh\.com)$"
)
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")
_EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+$")


def brief_path(name: str) -> Path:
    """Where the brief would be in a repository; named in messages about it."""
    return Path(name) / "infra" / "brief.yaml"


@dataclass(frozen=True)
class Stored:
    project: str
    kind: str
    version: int
    sha256: str


def keep_brief(store: Store, text: str, clock: Clock, project: str | None = None) -> Stored:
    """Store `text` as the brief of the project it names (of `project`, which it must
    name); InputError, located, when it is not a valid brief. An unchanged brief is not
    stored again."""
    loaded = checked_brief(text, project)
    return _keep(store, loaded.brief.project.name or "unnamed", BRIEF, text, clock)


def checked_brief(text: str, project: str | None = None) -> LoadedBrief:
    """`text` parsed as the brief of the project it names (of `project`, which it must
    name): what `keep_brief` keeps. InputError, located, when it is not a valid brief."""
    name = project or "unnamed"
    path = brief_path(name)
    if len(text.encode()) > BRIEF_BYTES:
        raise InputError(path, [Problem(f"over {BRIEF_BYTES} bytes", "a brief is a few kB")])
    loaded = parse_brief(path, text)
    named = loaded.brief.project.name
    if not named:
        raise InputError(
            path, [Problem("project.name is missing", "name the project", field="project.name")]
        )
    if project is not None and named != project:
        raise Refused(
            f"this brief names the project {named!r}, not {project!r}; a project keeps its name"
        )
    return loaded


def keep_signers(store: Store, name: str, text: str, clock: Clock) -> Stored:
    """Store `text` as the project's allowed signers, after checking each line's shape."""
    check_signers(name, text)
    return _keep(store, name, SIGNERS, text, clock)


def add_signer(store: Store, name: str, email: str, public_key: str, clock: Clock) -> Stored:
    """Add one approver's key (the contents of their .pub file) to the allowed signers."""
    current = signers(store, name).text or ""
    line = f'{email.strip().lower()} namespaces="{signing.NAMESPACE}" {public_key.strip()}\n'
    text = current + ("" if not current or current.endswith("\n") else "\n") + line
    return keep_signers(store, name, text, clock)


def check_signers(name: str, text: str) -> None:
    """Each line as git's allowed signers file has it: emails, options, key type, key."""
    path = Path(name) / "infra" / signing.SIGNERS_FILE
    fix = f'EMAIL namespaces="{signing.NAMESPACE}" ssh-ed25519 AAAA... (a .pub file\'s line)'
    if len(text.encode()) > signing.SIGNERS_BYTES:
        raise InputError(path, [Problem(f"over {signing.SIGNERS_BYTES} bytes", fix)])
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        why = _line_problem(words)
        if why:
            problems.append(Problem(why, fix, line=number))
    if problems:
        raise InputError(path, problems)


def _line_problem(words: list[str]) -> str | None:
    if not all(_EMAIL.match(e) for e in words[0].split(",")):
        return f"{words[0]!r} is not a list of emails"
    typed = next((i for i, w in enumerate(words[1:], start=1) if _KEY_TYPES.match(w)), None)
    if typed is None or typed + 1 >= len(words):
        return "no public key: expected a key type (ssh-ed25519, ...) and its base64 text"
    if not _BASE64.match(words[typed + 1]):
        return "the public key is not base64 text"
    return None


def _keep(store: Store, name: str, kind: str, text: str, clock: Clock) -> Stored:
    with store.write() as conn:
        return keep_in(conn, name, kind, text, clock)


def keep_in(conn: Connection, name: str, kind: str, text: str, clock: Clock) -> Stored:
    """Keep `text` as the project's document of `kind` in the caller's transaction."""
    sha = sha256_hex(text)
    project = repo.lock_project(conn, name, clock.at, clock.actor)
    latest = docs.latest_document(conn, project, kind)
    if latest is not None and latest.sha256 == sha:
        return Stored(name, kind, latest.version, sha)
    row = docs.add_document(conn, project, kind, text, sha, clock.at, clock.actor)
    repo.append_event(
        conn,
        project,
        clock.at,
        clock.actor,
        "document.stored",
        {"kind": kind, "version": row.version, "sha256": sha},
    )
    return Stored(name, kind, row.version, sha)


def brief_text(store: Store, name: str) -> str:
    """The project's current brief; Refused when the store keeps none (its brief is in a
    repository, where the CLI acts on it)."""
    with store.read() as conn:
        project = repo.find_project(conn, name)
        row = docs.latest_document(conn, project, BRIEF) if project else None
    if row is None:
        raise Refused(
            f"{name} has no brief in the store: it is kept in a repository, where "
            "'infragate' acts on it"
        )
    return row.text


def loaded_brief(store: Store, name: str) -> LoadedBrief:
    return parse_brief(brief_path(name), brief_text(store, name))


def signers(store: Store, name: str) -> signing.AllowedSigners:
    with store.read() as conn:
        project = repo.find_project(conn, name)
        row = docs.latest_document(conn, project, SIGNERS) if project else None
    return signing.AllowedSigners(
        row.text if row else None, f"the allowed signers of {name} in the store"
    )
