"""What a project's page offers as files, so that a repository can take the project over:
its brief, its allowed signers, a baseline's lock file, and the files `infragate render`
writes from that baseline, as one zip.

Every file is built from the store, in memory. The zip is gated as `render` is (the lock
must verify against the stored brief and allowed signers) and is byte-for-byte the same
for the same baseline: entries in path order, one fixed timestamp, fixed permissions.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from infragate.errors import Refused
from infragate.lifecycle import hosted, service, signing
from infragate.lifecycle.baseline import LOCK_FILE
from infragate.lifecycle.verify import verify_lock
from infragate.store.engine import Store

# The earliest time a zip entry can carry (MS-DOS dates start in 1980): no build time
# leaks into the archive, so two downloads of one baseline are the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes


def brief_file(store: Store, name: str) -> Download:
    """The project's current brief, as `infra/brief.yaml` holds it."""
    text = hosted.brief_text(store, name)
    return Download("brief.yaml", "application/yaml", text.encode())


def signers_file(store: Store, name: str) -> Download:
    """The project's allowed signers, as `infra/allowed_signers` holds them."""
    found = hosted.signers(store, name)
    if found.text is None:
        raise Refused(f"{found.origin} are not set: an admin adds each approver's key")
    return Download(signing.SIGNERS_FILE, "text/plain", found.text.encode())


def lock_file(store: Store, name: str, version: int | None = None) -> Download:
    """A baseline's lock file (the latest unless `version`), as `freeze` writes it."""
    found = service.stored_lock(store, name, version)
    if found is None:
        which = f"baseline v{version}" if version is not None else "frozen baseline"
        raise Refused(f"{name} has no {which}: approve the design and freeze it first")
    return Download(LOCK_FILE, "application/json", found[1].encode())


def rendered_files(store: Store, name: str, today: date) -> tuple[int, dict[str, str]]:
    """What `infragate render` writes from the latest baseline of a project kept in the
    store, and that baseline's version: refused, as render refuses, unless its lock file
    verifies."""
    from infragate.render import engine, tfprice
    from infragate.render.context import from_lock

    found = service.stored_lock(store, name)
    if found is None:
        raise Refused(f"nothing to render: {name} has no frozen baseline")
    baseline, lock_text = found
    folder = Path(name) / "infra"
    allowed = hosted.signers(store, name)
    result = verify_lock(
        folder / LOCK_FILE,
        lock_text,
        hosted.brief_path(name),
        hosted.brief_text(store, name),
        today,
        folder / signing.SIGNERS_FILE,
        allowed.text,
    )
    failed = [c for c in result.checks if not c.ok]
    if failed:
        reasons = "; ".join(f"{c.name}: {c.detail}" for c in failed)
        raise Refused(
            f"refusing to render {name} v{baseline.version}: it does not verify: {reasons}"
        )
    context = from_lock(baseline.document, baseline.sha256)
    files = engine.render(context)
    tfprice.check_cost_frame(files, context)
    return baseline.version, files


def render_zip(store: Store, name: str, today: date) -> Download:
    version, files = rendered_files(store, name, today)
    return Download(f"{name}-v{version}-rendered.zip", "application/zip", zip_bytes(files))


def zip_bytes(files: dict[str, str]) -> bytes:
    """The files as a zip: path order, a fixed time, 0755 for scripts (as render's)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            text = files[path]
            entry = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = (0o100755 if text.startswith("#!") else 0o100644) << 16
            entry.create_system = 3  # unix, so that the permissions above are read
            archive.writestr(entry, text.encode())
    return buffer.getvalue()
