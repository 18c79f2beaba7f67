"""Where a path inside a compose service's container comes from in the repository.

`docker compose run SERVICE bash scripts/x.sh` runs in the service's WORKDIR, against the files
its image copied in (COPY/ADD from the build context) or a bind mount put there. This module
maps such a path back to the repository files it may be, from the compose files (merged in
order, as `-f a -f b` merges them) and the last stage of the service's Dockerfile.
"""

from __future__ import annotations

import posixpath
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from infragate.audit import lazyre
from infragate.audit.repo import Repo

INSTRUCTION = lazyre.compile(r"^\s*(FROM|WORKDIR|COPY|ADD)\s+(.*)$", re.I)


@dataclass
class Service:
    context: str | None = None  # repository folder of the build context
    dockerfile: str | None = None  # repository path of the Dockerfile
    mounts: list[tuple[str, str]] = field(
        default_factory=list
    )  # (repository folder, container path)
    working_dir: str | None = None
    seen: bool = False


def service(repo: Repo, files: list[str], name: str) -> Service:
    """The service as the compose files define it together (later files override)."""
    out = Service()
    for path in files:
        data, _ = repo.yaml_map(path)
        services = data.get("services")
        found = services.get(name) if isinstance(services, dict) else None
        if not isinstance(found, dict):
            continue
        out.seen = True
        base = posixpath.dirname(path)
        build = found.get("build")
        if isinstance(build, str):
            build = {"context": build}
        if isinstance(build, dict):
            context = str(build.get("context", "."))
            if "://" not in context:
                out.context = posixpath.normpath(posixpath.join(base, context))
                dockerfile = str(build.get("dockerfile", "Dockerfile"))
                out.dockerfile = posixpath.normpath(posixpath.join(out.context, dockerfile))
        if isinstance(found.get("working_dir"), str):
            out.working_dir = found["working_dir"]
        for volume in found.get("volumes") or []:
            source, target = _bind(volume)
            if source is not None and target is not None:
                out.mounts.append((posixpath.normpath(posixpath.join(base, source)), target))
    return out


def _bind(volume: Any) -> tuple[str | None, str | None]:
    if isinstance(volume, dict):
        source, target = volume.get("source"), volume.get("target")
    elif isinstance(volume, str):
        source, _, rest = volume.partition(":")
        target = rest.split(":", 1)[0] if rest else None
    else:
        return None, None
    if not isinstance(source, str) or not source.startswith((".", "/")) or source.startswith("/"):
        return None, None  # a named volume or a host path outside the repository
    return source, target if isinstance(target, str) else None


def _image(repo: Repo, svc: Service) -> tuple[str, list[tuple[str, str, bool]]]:
    """The last stage's WORKDIR and its (source, destination) copies from the context."""
    workdir, copies = "/", list[tuple[str, str, bool]]()
    for line in repo.lines(svc.dockerfile or ""):
        match = INSTRUCTION.match(line)
        if not match:
            continue
        keyword, rest = match.group(1).upper(), match.group(2).strip()
        if keyword == "FROM":
            workdir, copies = "/", []
        elif keyword == "WORKDIR":
            workdir = posixpath.join(workdir, rest.strip("\"'"))
        else:
            try:
                words = shlex.split(rest) if not rest.startswith("[") else []
            except ValueError:
                continue
            args = [w for w in words if not w.startswith("--")]
            if any(w.startswith("--from") for w in words) or len(args) < 2:
                continue
            dest = posixpath.join(workdir, args[-1])
            # A destination ending in '/' (or several sources) is a folder the files go into.
            into = args[-1].endswith("/") or len(args) > 2
            copies.extend((src, posixpath.normpath(dest), into) for src in args[:-1])
    return workdir, copies


def candidates(repo: Repo, svc: Service, ref: str) -> list[str] | None:
    """Repository paths a container path may be; None when nothing can be said (an image
    built elsewhere, a Dockerfile we cannot read)."""
    if svc.context is None and not svc.mounts:
        return None
    workdir, copies = (
        _image(repo, svc) if svc.dockerfile and svc.dockerfile in repo.texts else ("", [])
    )
    if svc.working_dir:
        workdir = svc.working_dir
    if not workdir:
        return [posixpath.join(svc.context or "", ref)]  # no Dockerfile to read: the context
    target = posixpath.normpath(posixpath.join(workdir, ref))
    found = []
    for folder, mount in svc.mounts:
        if target == mount or target.startswith(mount.rstrip("/") + "/"):
            found.append(posixpath.join(folder, posixpath.relpath(target, mount)))
    context = svc.context or ""
    for src, dest, into in copies:
        if target != dest and not target.startswith(dest.rstrip("/") + "/"):
            continue
        rel = posixpath.relpath(target, dest)
        # A folder's contents land in dest; a file lands as dest, or in it under its own name.
        found.append(posixpath.normpath(posixpath.join(context, src, rel)))
        if rel == "." or (into and rel == posixpath.basename(src.rstrip("/"))):
            found.append(posixpath.normpath(posixpath.join(context, src)))
    return found if found or copies or svc.mounts else None
