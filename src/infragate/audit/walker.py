"""Walk a repository once: honour .gitignore, set vendored and generated code aside (listed
with the reason, never read), never follow a symlink out of the tree, and turn every
unreadable file into a reason, not a crash.

This is the audit's only contact with the filesystem (with `linters.py`); what it returns
is plain data that the rest of the audit works on.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from infragate.audit import lazyre
from infragate.audit.gitfiles import git_listing
from infragate.audit.model import Skipped
from infragate.audit.patterns import Attributes, Ignores, invalid_patterns

MAX_BYTES = 2_000_000
# Hard caps on one walk, so that no tree can hang or exhaust a run: each is reported.
MAX_DEPTH = 48  # folders below the root; deeper is generated or hostile
MAX_FILES = 250_000  # entries seen (files and folders); the bench's 30,000-file tree is far below
MAX_LINE = 100_000  # characters in one line: minified or generated, and slow for every rule
# The kernel's own trees: files of size 0 that never end, pipes that block, loops (/proc/self).
VIRTUAL_ROOTS = (Path("/proc"), Path("/sys"), Path("/dev"))
# Folders that hold dependencies, build output or tool state, never the repo's own infra.
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "dist",
        "build",
        ".next",
        "target",
        "__pycache__",
        ".terraform",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".tox",
        ".cache",
    }
)
# Known binary formats are listed, not read: nothing a rule checks lives in them.
BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".ico",
        ".bmp",
        ".pdf",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".jar",
        ".war",
        ".class",
        ".so",
        ".dylib",
        ".dll",
        ".exe",
        ".o",
        ".a",
        ".pyc",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wasm",
        ".db",
        ".sqlite",
        ".sqlite3",
        ".bin",
        ".iso",
        ".tar",
    ]
)
SNIFF = 8192

# Third-party code carried in the repository: listed as vendored, never read, so no rule judges
# it. The folder patterns are those of GitHub Linguist's vendor list that concern a deployed
# application (lib/linguist/vendor.yml, github-linguist/linguist at 00647be1, read 2026-11-29):
# dependencies, bundles, Sphinx output, virtualenvs, Gradle's wrapper, test fixtures. Left out
# on purpose: its `^tools/` (a project's own tools/ often holds its deploy scripts) and
# Jenkinsfile/Vagrantfile (they are the project's CI and dev box, not someone else's code),
# and its Django `env/` (Terraform layouts name their environments' folder env/).
VENDORED_DIR = lazyre.compile(
    r"(?:^|/)(?:node_modules|bower_components|vendors?|[Vv]+endor|third[-_]?party|"
    r"3rd[-_]?party|extern(?:al)?|Godeps/_workspace|admin_media|ace-builds|MathJax)/$|"
    r"^(?:[Dd]ependencies|deps|debian|Carthage|Pods|[Tt]ests?/fixtures|[Ss]pecs?/fixtures)/$|"
    r"(?:^|/)docs?/_?(?:build|themes?|templates?|static)/$|"
    # Tool folders carried along: package-manager releases, build-tool wrappers, hook shims.
    r"(?:^|/)(?:gradle/wrapper|\.mvn/wrapper|\.yarn/releases|\.yarn/plugins|\.husky/_)/$"
)
VENDORED_FILE = lazyre.compile(
    r"(?:\.|-)min\.(?:js|css)$|(?:^|/)gradlew(?:\.bat)?$|(?:^|/)mvnw(?:\.cmd)?$"
)

Reader = Callable[[Path], bytes]


def _read_bytes(path: Path) -> bytes:
    # O_NONBLOCK: a regular file that turned into a pipe since it was listed cannot block.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        return handle.read(MAX_BYTES + 1)


def shown(name: str) -> str:
    """A file name as printable UTF-8: bytes that are not UTF-8 as \\xNN escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def virtual_root(root: Path) -> Path | None:
    """The kernel tree (/proc, /sys, /dev) `root` is in, if any."""
    resolved = root.resolve()
    return next((v for v in VIRTUAL_ROOTS if resolved == v or v in resolved.parents), None)


@dataclass
class Walked:
    """Every file seen (relative POSIX paths), the text of those read, and what was skipped."""

    paths: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    # A vendored folder or file (not descended into, not read) -> why it is someone else's.
    vendored: dict[str, str] = field(default_factory=dict)


def vendored_reason(rel: str, is_dir: bool, submodules: frozenset[str] = frozenset()) -> str | None:
    """Why this path is someone else's code (the walker's and `Repo.from_texts`' one test)."""
    if rel in submodules:
        return "a git submodule (.gitmodules)"
    if is_dir:
        if rel.endswith("/.github"):
            return "a .github folder below the root: GitHub runs only the root's workflows"
        if VENDORED_DIR.search(rel + "/"):
            return "a vendored folder (GitHub Linguist's vendor list)"
        return None
    return "a vendored file (GitHub Linguist's vendor list)" if VENDORED_FILE.search(rel) else None


def _submodules(root: Path, reader: Reader) -> frozenset[str]:
    try:
        text = reader(root / ".gitmodules").decode("utf-8", "replace")
    except OSError:
        return frozenset()
    return frozenset(m.strip().strip("/") for m in re.findall(r"^\s*path\s*=\s*(.+)$", text, re.M))


def walk(
    root: Path,
    *,
    max_bytes: int = MAX_BYTES,
    reader: Reader = _read_bytes,
    exclude: Sequence[str] = (),
) -> Walked:
    """`exclude`: gitignore-style patterns from the command line (test fixtures, samples)."""
    from infragate.errors import UsageError

    kernel = virtual_root(root)
    if kernel is not None:
        raise UsageError(
            f"{root} is in {kernel}, a tree the kernel makes up (endless files, pipes that "
            "block, loops); it is not a repository. Pass the folder of a repository."
        )
    bad = invalid_patterns(exclude)
    if bad:
        listed = ", ".join(repr(b) for b in bad)
        raise UsageError(
            f"--exclude {listed}: not a valid gitignore-style pattern. Write a path or a glob "
            "such as 'tests/fixtures/' or '*.min.js' (a '[' must close, a '\\' must escape "
            "something)."
        )
    root = root.resolve()
    out = Walked()
    ignores = Ignores(git_listing(root))
    if exclude:
        ignores.add("", "\n".join(exclude), gitignore=False)  # the CLI refused bad ones
    seen_dirs: set[tuple[int, int]] = set()
    root_stat = root.stat()
    seen_dirs.add((root_stat.st_dev, root_stat.st_ino))
    context = _Context(root, ignores, Attributes(), _submodules(root, reader), seen_dirs)
    _walk_dir(root, "", context, out, max_bytes, reader)
    out.skipped.sort(key=lambda s: s.path)
    return out


@dataclass
class _Context:
    root: Path
    ignores: Ignores
    attributes: Attributes
    submodules: frozenset[str]
    seen: set[tuple[int, int]]
    entries: int = 0  # files and folders seen, against MAX_FILES


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _walk_dir(
    directory: Path, rel_dir: str, ctx: _Context, out: Walked, max_bytes: int, reader: Reader
) -> None:
    if rel_dir.count("/") + 1 > MAX_DEPTH:
        out.skipped.append(
            Skipped(shown(rel_dir), f"folder more than {MAX_DEPTH} levels deep: not read")
        )
        return
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        out.skipped.append(
            Skipped(shown(rel_dir) or ".", f"folder cannot be listed: {exc.strerror}")
        )
        return
    gitignore = next((e for e in entries if e.name == ".gitignore"), None)
    if gitignore is not None and gitignore.is_file(follow_symlinks=False):
        # An unreadable .gitignore ignores nothing; the file itself is reported below.
        with contextlib.suppress(OSError):
            text = reader(Path(gitignore.path)).decode("utf-8", "replace")
            for bad in ctx.ignores.add(rel_dir, text):
                where = f"{rel_dir}/.gitignore" if rel_dir else ".gitignore"
                out.skipped.append(
                    Skipped(shown(where), f"invalid pattern {bad!r} left out, as git does")
                )
    attributes = next((e for e in entries if e.name == ".gitattributes"), None)
    if attributes is not None and attributes.is_file(follow_symlinks=False):
        with contextlib.suppress(OSError):
            ctx.attributes.add(rel_dir, reader(Path(attributes.path)).decode("utf-8", "replace"))
    if rel_dir and any(e.name == ".git" for e in entries):
        out.vendored[rel_dir] = "a separate git repository inside this one (its own .git)"
        return
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        ctx.entries += 1
        if ctx.entries > MAX_FILES:
            if ctx.entries == MAX_FILES + 1:
                out.skipped.append(
                    Skipped(shown(rel), f"the {MAX_FILES:,}-entry cap was reached: this and "
                            "everything after it in the walk was not read; audit a sub-folder "
                            "or leave paths out with -x")
                )  # fmt: skip
            return
        if shown(entry.name) != entry.name:
            out.skipped.append(
                Skipped(shown(rel), "name is not UTF-8 (shown with \\x escapes): not read; "
                        "rename it")
            )  # fmt: skip
            continue
        path = Path(entry.path)
        try:
            is_link = entry.is_symlink()
            st = path.stat() if is_link else entry.stat(follow_symlinks=False)
        except OSError as exc:
            reason = "symlink loop" if is_link and exc.errno == 40 else "broken symlink"
            out.skipped.append(Skipped(rel, reason if is_link else f"cannot stat: {exc.strerror}"))
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        if is_dir and entry.name in (".git", ".hg", ".svn"):
            continue
        # GitHub runs what is committed under .github/workflows, whatever .gitignore says
        # (a repository that ignores *.yml still force-adds its workflows).
        if ctx.ignores.ignored(rel, is_dir) and not rel.startswith(".github/workflows"):
            continue
        marked, why = ctx.attributes.verdict(rel, is_dir)
        if not marked:
            why = vendored_reason(rel, is_dir, ctx.submodules)
        if why is not None:
            out.vendored[rel] = why
            continue
        if is_dir and entry.name in SKIP_DIRS:
            continue
        if is_link:
            target = path.resolve()
            if not _inside(ctx.root, target):
                out.skipped.append(Skipped(rel, "symlink points outside the repository"))
                continue
        if is_dir:
            key = (st.st_dev, st.st_ino)
            if key in ctx.seen:
                out.skipped.append(Skipped(rel, "symlink loop (folder already visited)"))
                continue
            ctx.seen.add(key)
            out.dirs.add(rel)
            _walk_dir(path, rel, ctx, out, max_bytes, reader)
            continue
        out.paths.add(rel)
        if not stat.S_ISREG(st.st_mode):
            out.skipped.append(Skipped(rel, "not a regular file"))
            continue
        _read(path, rel, st.st_size, out, max_bytes, reader)


def _read(path: Path, rel: str, size: int, out: Walked, max_bytes: int, reader: Reader) -> None:
    if path.suffix.lower() in BINARY_SUFFIXES:
        return
    if size > max_bytes:
        out.skipped.append(Skipped(rel, f"over the {max_bytes:,}-byte size cap ({size:,} bytes)"))
        return
    try:
        raw = reader(path)
    except PermissionError:
        out.skipped.append(Skipped(rel, "permission denied"))
        return
    except OSError as exc:
        out.skipped.append(Skipped(rel, f"cannot be read: {exc.strerror or exc}"))
        return
    if len(raw) > max_bytes:
        out.skipped.append(Skipped(rel, f"over the {max_bytes:,}-byte size cap"))
        return
    if b"\x00" in raw[:SNIFF]:
        out.skipped.append(Skipped(rel, "binary file"))
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.skipped.append(Skipped(rel, f"not UTF-8 text (first bad byte on line {line})"))
        return
    long_line = _long_line(text)
    if long_line is not None:
        line = long_line
        out.skipped.append(
            Skipped(rel, f"line {line} is over the {MAX_LINE:,}-character cap (minified or "
                    "generated)")
        )  # fmt: skip
        return
    out.texts[rel] = text


def _long_line(text: str) -> int | None:
    """The number of the first line over MAX_LINE characters, if any."""
    if len(text) <= MAX_LINE:
        return None
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE:
            return number
    return None
