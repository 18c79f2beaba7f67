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
from typing import TYPE_CHECKING

from infragate.audit import lazyre
from infragate.audit.gitfiles import GitListing, git_listing
from infragate.audit.model import Skipped

if TYPE_CHECKING:
    import pathspec

MAX_BYTES = 2_000_000
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
    with path.open("rb") as handle:
        return handle.read(MAX_BYTES + 1)


@dataclass
class Walked:
    """Every file seen (relative POSIX paths), the text of those read, and what was skipped."""

    paths: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    # A vendored folder or file (not descended into, not read) -> why it is someone else's.
    vendored: dict[str, str] = field(default_factory=dict)


class _Ignores:
    """The .gitignore files met on the way down, each applying below its own folder."""

    def __init__(self, listed: GitListing | None = None) -> None:
        self.specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
        self.listed = listed  # git's own file list: then .gitignore files are git's business

    def add(self, base: str, text: str, *, gitignore: bool = True) -> None:
        if gitignore and self.listed is not None:
            return
        import pathspec  # only where a .gitignore is: an import of ~15 ms

        spec = pathspec.GitIgnoreSpec.from_lines(text.splitlines())
        self.specs.append((base, spec))

    def ignored(self, rel: str, is_dir: bool) -> bool:
        if self.listed is not None and not self.listed.includes(rel, is_dir):
            return True
        for base, spec in self.specs:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/" if is_dir else sub):
                return True
        return False


class _Attributes:
    """linguist-vendored / linguist-generated from the .gitattributes met on the way down
    (`=false` and `-attr` un-mark a path, as Linguist reads them)."""

    def __init__(self) -> None:
        self.rules: list[tuple[str, pathspec.GitIgnoreSpec, str | None]] = []

    def add(self, base: str, text: str) -> None:
        for line in text.splitlines():
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            for attr in parts[1:]:
                name = attr.lstrip("-!").split("=", 1)[0]
                if name not in ("linguist-vendored", "linguist-generated"):
                    continue
                unset = attr.startswith(("-", "!")) or attr.endswith("=false")
                import pathspec

                spec = pathspec.GitIgnoreSpec.from_lines([parts[0]])
                self.rules.append(
                    (base, spec, None if unset else f"marked {name} in .gitattributes")
                )

    def verdict(self, rel: str, is_dir: bool) -> tuple[bool, str | None]:
        """(whether a rule matched, its reason; None un-vendors). The last match wins, as in
        git; a folder counts when any file in it would."""
        matched, found = False, None
        for base, spec, why in self.rules:
            if base and not rel.startswith(base + "/"):
                continue
            sub = rel[len(base) + 1 :] if base else rel
            if spec.match_file(sub + "/.infragate-probe" if is_dir else sub):
                matched, found = True, why
        return matched, found


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
    root = root.resolve()
    out = Walked()
    ignores = _Ignores(git_listing(root))
    if exclude:
        ignores.add("", "\n".join(exclude), gitignore=False)
    seen_dirs: set[tuple[int, int]] = set()
    root_stat = root.stat()
    seen_dirs.add((root_stat.st_dev, root_stat.st_ino))
    context = _Context(root, ignores, _Attributes(), _submodules(root, reader), seen_dirs)
    _walk_dir(root, "", context, out, max_bytes, reader)
    out.skipped.sort(key=lambda s: s.path)
    return out


@dataclass
class _Context:
    root: Path
    ignores: _Ignores
    attributes: _Attributes
    submodules: frozenset[str]
    seen: set[tuple[int, int]]


def _inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def _walk_dir(
    directory: Path, rel_dir: str, ctx: _Context, out: Walked, max_bytes: int, reader: Reader
) -> None:
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        out.skipped.append(Skipped(rel_dir or ".", f"folder cannot be listed: {exc.strerror}"))
        return
    gitignore = next((e for e in entries if e.name == ".gitignore"), None)
    if gitignore is not None and gitignore.is_file(follow_symlinks=False):
        # An unreadable .gitignore ignores nothing; the file itself is reported below.
        with contextlib.suppress(OSError):
            ctx.ignores.add(rel_dir, reader(Path(gitignore.path)).decode("utf-8", "replace"))
    attributes = next((e for e in entries if e.name == ".gitattributes"), None)
    if attributes is not None and attributes.is_file(follow_symlinks=False):
        with contextlib.suppress(OSError):
            ctx.attributes.add(rel_dir, reader(Path(attributes.path)).decode("utf-8", "replace"))
    if rel_dir and any(e.name == ".git" for e in entries):
        out.vendored[rel_dir] = "a separate git repository inside this one (its own .git)"
        return
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
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
        out.texts[rel] = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.skipped.append(Skipped(rel, f"not UTF-8 text (first bad byte on line {line})"))
