"""What each external linter says its version is, asked once per installed binary.

Every audit reports the version of shellcheck, hadolint and actionlint. Asking costs a process
start each, which on a small tree was most of the wait for the linters (issue 10: start-up
under 0.2 s). The answer is kept in $XDG_CACHE_HOME/infragate/tool-versions.json (default
~/.cache), keyed by the binary's real path, size and modification time, so a tool that is
upgraded or replaced is asked again (pip rewrites a console-script wrapper when it upgrades the
package behind it). A cache that cannot be read or written is ignored: the
tool is then asked, as before.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

CACHE_FILE = "tool-versions.json"


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "infragate" / CACHE_FILE


def key(exe: str, flag: str) -> str | None:
    """The binary as it is now, and how it is asked; None when it cannot be looked at."""
    try:
        real = Path(exe).resolve()
        st = real.stat()
    except OSError:
        return None
    return f"{real}|{st.st_size}|{st.st_mtime_ns}|{flag}"


def load() -> dict[str, str]:
    try:
        data = json.loads(cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def remember(known: dict[str, str], fresh: dict[str, str]) -> None:
    """Add `fresh` answers to the cache (temp file + rename; failures are ignored)."""
    if not fresh:
        return
    path = cache_path()
    merged = {**known, **fresh}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".tool-versions.", suffix=".tmp")
    except OSError:
        return
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(merged, out, indent=1, sort_keys=True)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
