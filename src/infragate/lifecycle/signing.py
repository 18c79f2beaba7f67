"""Signed approvals: SSH signatures as git makes them (`ssh-keygen -Y sign/verify`).

An approval is a statement (project, role, email, design and brief hashes, change
request) signed by the approver's own SSH key in the namespace `infragate-approval`.
Whose key is whose is an allowed-signers file, the format git reads for
`gpg.ssh.allowedSignersFile`: `infra/allowed_signers` beside the brief unless a
trusted copy is given (`--allowed-signers`, `INFRAGATE_ALLOWED_SIGNERS`). Verification
is offline: OpenSSH's own `ssh-keygen` checks every signature, nothing is re-implemented.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate.errors import UsageError

NAMESPACE = "infragate-approval"
SIGNERS_FILE = "allowed_signers"
ENV_SIGNERS = "INFRAGATE_ALLOWED_SIGNERS"
ENV_KEY = "INFRAGATE_SIGNING_KEY"
STATEMENT_VERSION = "infragate approval v1"
TIMEOUT_S = 30
# An armored ed25519 signature is about 300 bytes, an RSA-4096 one about 1 kB: anything
# far larger pasted into a form is not a signature.
SIGNATURE_BYTES = 16_000
_FINGERPRINT = re.compile(r"key (SHA256:[A-Za-z0-9+/=]+)")


@dataclass(frozen=True)
class Signature:
    """One approval's signature: who signed as what, and the armored SSH signature."""

    role: str
    email: str
    signature: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "email": self.email, "signature": self.signature}

    @classmethod
    def from_dict(cls, data: Any) -> Signature:
        if not isinstance(data, dict):
            raise ValueError("a signature entry is not an object")
        role, email, signature = (data.get(k) for k in ("role", "email", "signature"))
        if not (isinstance(role, str) and isinstance(email, str) and isinstance(signature, str)):
            raise ValueError("a signature entry lacks its role, email or signature")
        return cls(role, email, signature)


def statement(
    project: str,
    role: str,
    email: str,
    design_sha256: str,
    brief_sha256: str,
    change_request: int | None,
) -> bytes:
    """What an approver signs: the brief (every owner and figure in it) and the design."""
    return (
        f"{STATEMENT_VERSION}\n"
        f"project: {project}\n"
        f"role: {role}\n"
        f"email: {email.lower()}\n"
        f"design_sha256: {design_sha256}\n"
        f"brief_sha256: {brief_sha256}\n"
        f"change_request: {'none' if change_request is None else change_request}\n"
    ).encode()


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise UsageError(
            "ssh-keygen is not installed: approvals are signed and checked with OpenSSH's "
            "ssh-keygen (8.2 or newer). Install openssh-client"
        )
    return found


def signing_key(given: Path | None) -> Path:
    """The key to sign with: --key, else $INFRAGATE_SIGNING_KEY, else git's user.signingkey
    (when it names a file, as it does with gpg.format=ssh)."""
    if given is not None:
        path, origin = given, "--key"
    elif os.environ.get(ENV_KEY, "").strip():
        path, origin = Path(os.environ[ENV_KEY].strip()).expanduser(), ENV_KEY
    else:
        configured = _git_signing_key()
        if configured is None:
            raise UsageError(
                "an approval must be signed with your SSH key: pass --key ~/.ssh/id_ed25519, "
                f"set {ENV_KEY}, or set git's user.signingkey (gpg.format=ssh). The public "
                f"half must be in the allowed signers file ({SIGNERS_FILE} beside the brief)"
            )
        path, origin = configured, "git config user.signingkey"
    if not path.is_file():
        raise UsageError(f"{origin}: {path} is not a key file; name your SSH private key")
    return path


def _git_signing_key() -> Path | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, "config", "--get", "user.signingkey"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    if done.returncode != 0 or not value or value.startswith(("key::", "ssh-")):
        return None
    return Path(value).expanduser()


def sign(key: Path, message: bytes) -> str:
    """The armored SSH signature of `message` by `key` (a private key, or a public key
    whose private half an ssh-agent holds)."""
    try:
        done = subprocess.run(
            [_ssh_keygen(), "-Y", "sign", "-q", "-f", str(key), "-n", NAMESPACE],
            input=message,
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise UsageError(
            f"signing with {key} took over {TIMEOUT_S}s (a passphrase prompt?); load the key "
            "into ssh-agent ('ssh-add') and pass its .pub file"
        ) from None
    text = done.stdout.decode("ascii", "replace")
    if done.returncode != 0 or "BEGIN SSH SIGNATURE" not in text:
        why = done.stderr.decode("utf-8", "replace").strip() or f"exit {done.returncode}"
        raise UsageError(f"cannot sign with {key}: {why}")
    return text


@dataclass(frozen=True)
class Checked:
    ok: bool
    detail: str  # the key's fingerprint when ok, else why not


def check(signers: str, email: str, signature: str, message: bytes) -> Checked:
    """Whether `signature` is `email`'s signature of `message` by a key `signers` (the
    text of an allowed-signers file) allows for that email."""
    with _pipes(lowercase_principals(signers).encode(), signature.encode()) as (allowed, sig):
        try:
            done = subprocess.run(
                [
                    *(_ssh_keygen(), "-Y", "verify", "-f", allowed),
                    *("-I", email.lower(), "-n", NAMESPACE, "-s", sig),
                ],
                input=message,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
                pass_fds=_fds(allowed, sig),
            )
        except subprocess.TimeoutExpired:
            return Checked(False, f"ssh-keygen took over {TIMEOUT_S}s")
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    if done.returncode == 0:
        found = _FINGERPRINT.search(out)
        return Checked(True, found.group(1) if found else "good signature")
    return Checked(False, _why_not(signature, email, message))


@contextmanager
def _pipes(*contents: bytes) -> Iterator[tuple[str, ...]]:
    """Each content readable by ssh-keygen at a /dev/fd/N path: pipes, not files, so
    that checking a signature writes nothing to disk (and works on a full or read-only
    one). A thread feeds each pipe, so any size fits."""
    ends = [os.pipe() for _ in contents]
    feeders = [
        threading.Thread(target=_feed, args=(w, data), daemon=True)
        for (_, w), data in zip(ends, contents, strict=True)
    ]
    for feeder in feeders:
        feeder.start()
    try:
        yield tuple(f"/dev/fd/{r}" for r, _ in ends)
    finally:
        for r, _ in ends:
            os.close(r)
        for feeder in feeders:
            feeder.join(timeout=TIMEOUT_S)


def _feed(fd: int, data: bytes) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except OSError:
        pass  # the reader went away (ssh-keygen refused early): nothing more to say


def _fds(*paths: str) -> tuple[int, ...]:
    return tuple(int(p.rsplit("/", 1)[1]) for p in paths)


def _why_not(signature: str, email: str, message: bytes) -> str:
    """Tell a signature over other content from a good signature by a key that is not
    the approver's: check it without asking whose key it is."""
    with _pipes(signature.encode()) as (sig,):
        try:
            done = subprocess.run(
                [_ssh_keygen(), "-Y", "check-novalidate", "-n", NAMESPACE, "-s", sig],
                input=message,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
                pass_fds=_fds(sig),
            )
        except subprocess.TimeoutExpired:
            return f"ssh-keygen took over {TIMEOUT_S}s"
    out = (done.stdout + done.stderr).decode("utf-8", "replace")
    found = _FINGERPRINT.search(out)
    if done.returncode == 0 and found:
        return (
            f"signed by the key {found.group(1)}, which the allowed signers file does not "
            f"name for {email}"
        )
    return (
        "the signature does not match what was approved (the brief or design changed since "
        f"it was signed, or it is not an {NAMESPACE} signature)"
    )


def signers_path(brief_path: Path, given: Path | None) -> Path:
    """The allowed-signers file to trust: given, else $INFRAGATE_ALLOWED_SIGNERS, else the
    one beside the brief."""
    if given is not None:
        return given
    env = os.environ.get(ENV_SIGNERS, "").strip()
    if env:
        return Path(env).expanduser()
    return brief_path.parent / SIGNERS_FILE


# A keys file of a few hundred people is a few hundred kB; more is not an allowed_signers.
SIGNERS_BYTES = 1_000_000


def read_signers(path: Path) -> str | None:
    """The file's text, or None when it is absent or not UTF-8 text (the check says so); a
    pipe, a device or an oversized file is refused before it is read (strictread)."""
    from infragate import strictread
    from infragate.errors import InputError

    if not os.path.lexists(path):
        return None
    kind = strictread.Kind("an allowed signers file", "pass the keys file with --allowed-signers")
    try:
        return strictread.read_text(path, kind, SIGNERS_BYTES)
    except InputError as exc:
        if any("UTF-8" in p.message or "binary" in p.message for p in exc.problems):
            return None
        raise


def lowercase_principals(text: str) -> str:
    """Emails compared as the brief compares them: case-insensitively."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            out.append(line)
            continue
        principals, _, rest = stripped.partition(" ")
        out.append(f"{principals.lower()} {rest}")
    return "\n".join(out) + "\n"


def sign_checked(key: Path, signers_file: Path, email: str, message: bytes) -> str:
    """Sign `message` with `key` and check the signature as `verify` will, so that an
    approval no lock could ever verify is refused when it is given, not at render time."""
    from infragate.errors import Refused

    line = f'{email.lower()} namespaces="{NAMESPACE}" <the contents of your .pub file>'
    signers = read_signers(signers_file)
    if signers is None:
        raise Refused(
            f"{signers_file} does not exist or cannot be read: it names each approver's SSH "
            f"public key, one line each, as git's allowed signers file does: {line}. "
            "Commit it beside the brief; the approvers review it as they review the brief"
        )
    signature = sign(key, message)
    checked = check(signers, email, signature, message)
    if not checked.ok:
        raise Refused(
            f"the key {key} is not {email}'s in {signers_file} ({checked.detail}); sign with "
            f"the key named there, or add yours: {line}"
        )
    return signature


@dataclass(frozen=True)
class AllowedSigners:
    """The allowed-signers text to trust (None: there is none) and where it comes from,
    for messages: a file path, or the store for a project kept in the portal."""

    text: str | None
    origin: str


def sign_command(statement_file: str, key: str = "~/.ssh/id_ed25519") -> str:
    """The one command an approver runs to sign a statement elsewhere; it writes the
    armored signature to `<statement_file>.sig`."""
    return f"ssh-keygen -Y sign -n {NAMESPACE} -f {key} {statement_file}"


def pasted_signature(text: str) -> str:
    """An armored signature as a browser or a terminal hands it over (CRLF line ends,
    blank lines around it), in the form ssh-keygen writes; UsageError when it is not one."""
    from infragate.errors import UsageError

    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    armored = "\n".join(line for line in lines if line) + "\n"
    if (
        len(armored) > SIGNATURE_BYTES
        or not armored.startswith("-----BEGIN SSH SIGNATURE-----\n")
        or not armored.endswith("-----END SSH SIGNATURE-----\n")
    ):
        raise UsageError(
            "the signature must be the whole armored text from -----BEGIN SSH SIGNATURE----- "
            f"to -----END SSH SIGNATURE-----, as '{sign_command('statement.txt')}' writes it "
            "to statement.txt.sig"
        )
    return armored


def check_given(signers: AllowedSigners, email: str, signature: str, message: bytes) -> str:
    """Accept `signature` as `email`'s signature of `message` or refuse it with why (the
    key is not theirs, or it signs other content); returns the key's fingerprint."""
    from infragate.errors import Refused

    line = f'{email.lower()} namespaces="{NAMESPACE}" <the contents of your .pub file>'
    if signers.text is None:
        raise Refused(
            f"{signers.origin} has no allowed signers: it names each approver's SSH public "
            f"key, one line each, as git's allowed signers file does: {line}"
        )
    checked = check(signers.text, email, signature, message)
    if not checked.ok:
        raise Refused(
            f"the signature is not {email}'s signature of this approval ({checked.detail}); "
            f"sign the statement shown with the key {signers.origin} names for {email}, "
            f"or have it add yours: {line}"
        )
    return checked.detail


def accept_pasted(signers: AllowedSigners, email: str, pasted: str, message: bytes) -> str:
    """A signature handed over from elsewhere, armored as ssh-keygen writes it, once
    checked as `email`'s signature of `message` (the portal's approvals and changes)."""
    armored = pasted_signature(pasted)
    check_given(signers, email, armored, message)
    return armored
