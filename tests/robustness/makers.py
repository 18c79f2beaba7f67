"""Ways to turn a good input into a bad one: each takes the path of a good file (or folder)
and breaks it in place. The cases in cases.py cross them with the commands that read it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from infragate.canonical import digest

Maker = Callable[[Path], None]


def _replace(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def fifo(path: Path) -> None:
    _replace(path)
    os.mkfifo(path)


def directory(path: Path) -> None:
    _replace(path)
    path.mkdir()


def sock(path: Path) -> None:
    """A Unix socket at `path` (made in a short folder: socket paths hold ~100 bytes)."""
    _replace(path)
    short = Path(tempfile.mkdtemp(prefix="s", dir="/tmp"))
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(short / "s"))
        (short / "s").rename(path)
    finally:
        server.close()
        shutil.rmtree(short, ignore_errors=True)


def link_to(target: str) -> Maker:
    def make(path: Path) -> None:
        _replace(path)
        path.symlink_to(target)

    return make


def missing(path: Path) -> None:
    _replace(path)


def sparse(size: int) -> Maker:
    """A file that claims `size` bytes (sparse: it costs no disk)."""

    def make(path: Path) -> None:
        _replace(path)
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


def content(data: bytes) -> Maker:
    def make(path: Path) -> None:
        _replace(path)
        path.write_bytes(data)

    return make


def prepend(data: bytes) -> Maker:
    def make(path: Path) -> None:
        path.write_bytes(data + path.read_bytes())

    return make


def sub(old: str, new: str) -> Maker:
    """Replace the first `old` in the file's text with `new`."""

    def make(path: Path) -> None:
        text = path.read_text()
        assert old in text, (old, path)
        path.write_text(text.replace(old, new, 1))

    return make


def sub_bytes(old: bytes, new: bytes) -> Maker:
    def make(path: Path) -> None:
        data = path.read_bytes()
        assert old in data, (old, path)
        path.write_bytes(data.replace(old, new, 1))

    return make


def truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def rehashed(edit: Callable[[dict[str, Any]], None]) -> Maker:
    """Edit a lock's baseline, then recompute every hash: a self-consistent forgery."""

    def make(path: Path) -> None:
        lock = json.loads(path.read_text())
        document = lock["baseline"]
        edit(document)
        document["brief_sha256"] = digest(document["brief"])
        document["design_sha256"] = digest(document["design"])
        lock["sha256"] = digest(document)
        path.write_text(json.dumps(lock, indent=2, sort_keys=True, ensure_ascii=False) + "\n")

    return make


def set_env_name(value: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        old = document["design"]["environments"][0]["name"]
        document["design"]["environments"][0]["name"] = value
        for component in document["design"]["components"]:
            if component["environment"] == old:
                component["environment"] = value

    return edit


def set_component_id(value: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        document["design"]["components"][0]["id"] = value

    return edit


def set_project(key: str, value: str) -> Callable[[dict[str, Any]], None]:
    def edit(document: dict[str, Any]) -> None:
        document["brief"]["project"][key] = value
        if key == "name":
            document["project"] = value

    return edit


def nested_dirs(depth: int) -> Maker:
    def make(root: Path) -> None:
        # Folder by folder through descriptors: the whole path is longer than PATH_MAX.
        fd = os.open(root, os.O_RDONLY)
        try:
            for _ in range(depth):
                os.mkdir("d", dir_fd=fd)
                inner = os.open("d", os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = inner
            script = os.open("deploy.sh", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
            os.write(script, b"#!/bin/sh\necho deep\n")
            os.close(script)
        finally:
            os.close(fd)

    return make


def remove_nested(root: Path) -> None:
    """Remove a chain made by nested_dirs a level at a time (shutil.rmtree and os.walk
    recurse once per level, past Python's recursion limit)."""
    top, step = root / "d", 0
    while top.is_dir():
        inner = top / "d"
        if not inner.is_dir():
            shutil.rmtree(top)
            break
        step += 1
        moved = root / f".chain{step}"
        inner.rename(moved)
        top.rmdir()
        top = moved


def tree_file(name: bytes, data: bytes) -> Maker:
    """A file called `name` (bytes: not necessarily UTF-8) in the tree."""

    def make(root: Path) -> None:
        # A name that is not UTF-8 only exists as bytes: os.open takes them, Path does not.
        fd = os.open(os.fsencode(root) + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    return make


def tree_special(name: str, make_special: Maker) -> Maker:
    def make(root: Path) -> None:
        make_special(root / name)

    return make


def big_script(size: int) -> bytes:
    lines = [b"#!/bin/bash", b"set -eu"]
    total, i = 0, 0
    while total < size:
        line = b'echo "step %d"' % i
        lines.append(line)
        total += len(line) + 1
        i += 1
    return b"\n".join(lines) + b"\n"
