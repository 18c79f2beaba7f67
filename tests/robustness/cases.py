"""The bad inputs, as data: tables of ways to break an input crossed with the commands that
read it, plus single command-line cases. `CASES` is what test_robustness.py runs.

Each case runs in a copy of a frozen project (examples/shopfront, approved and frozen, its
store beside it) at <case>/proj, the working folder; <case>/other is another project.
A case states the exit code, words the message must contain (the input it names and the
problem), and the words that tell the person what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.robustness import makers as mk
from tests.robustness.makers import Maker

BRIEF = "infra/brief.yaml"
LOCK = "infra/baseline.lock.json"
STATE = "state.json"
DANA, SAM = "dana@example.com", "sam@example.com"


@dataclass(frozen=True)
class Case:
    id: str
    item: str  # the item (or list) the case belongs to
    args: tuple[str, ...]
    code: int
    needles: tuple[str, ...]  # each must be in the output (case-insensitive)
    fix: str  # words that say what to do
    target: str | None = None  # path (relative to proj) that `maker` breaks
    maker: Maker | None = None
    read: str | None = None  # a file the command writes, read as part of its output
    timeout: float = 20.0


@dataclass(frozen=True)
class Bad:
    """One way to break an input: its maker, what the message says, what it tells to do."""

    name: str
    maker: Maker
    needles: tuple[str, ...]
    fix: str
    codes: dict[str, int] = field(default_factory=dict)  # command id -> exit code, if not 2


# -- the brief (YAML) ----------------------------------------------------------------------

NOT_A_FILE = "pass the path of"
BRIEF_BAD = (
    Bad("fifo", mk.fifo, ("named pipe",), NOT_A_FILE),
    Bad("directory", mk.directory, ("is a directory",), NOT_A_FILE),
    Bad("socket", mk.sock, ("is a socket",), NOT_A_FILE),
    Bad("dev-zero", mk.link_to("/dev/zero"), ("character device",), NOT_A_FILE),
    Bad("dev-null", mk.link_to("/dev/null"), ("character device",), NOT_A_FILE),
    Bad("missing", mk.missing, ("no such file",), "infragate init"),
    Bad("sparse-2mb", mk.sparse(2_000_000), ("at most 1.0 MB",), "check that"),
    Bad("binary", mk.prepend(b"\x00\x01"), ("binary file",), "infragate init"),
    Bad("latin-1", mk.prepend(b"# caf\xe9\n"), ("not utf-8",), "save the file as utf-8"),
    Bad("empty", mk.content(b"# nothing yet\n"), ("is empty",), "infragate init"),
    Bad("duplicate-key", mk.sub("maturity:", "maturity: scale\nmaturity:"),
        ("duplicate key 'maturity'",), "keep one"),
    Bad("nan", mk.sub("peak_rps: 15", "peak_rps: .nan"), ("not a usable number",),
        "finite number"),
    Bad("infinity", mk.sub("peak_rps: 15", "peak_rps: -.inf"), ("not a usable number",),
        "finite number"),
    Bad("huge-int", mk.sub("users: 2000", "users: " + "9" * 5000), ("5000 digits",),
        "realistic figure"),
    Bad("huge-float", mk.sub("peak_rps: 15", "peak_rps: 1.0e+999"), ("out of range",),
        "realistic figure"),
    Bad("deep", mk.prepend(b"x: " + b"[" * 200 + b"]" * 200 + b"\n"), ("nested deeper",),
        "flatten"),
    Bad("very-deep", mk.prepend(b"x: " + b"[" * 20000 + b"]" * 20000 + b"\n"),
        ("nesting depth",), "fix the yaml"),
    Bad("aliases", mk.prepend(
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\n"
        b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"), ("aliases",), "remove yaml anchors"),
    Bad("python-tag", mk.prepend(b"x: !!python/object/apply:os.system ['true']\n"),
        ("unsupported yaml tag",), "remove the tag"),
    Bad("not-a-mapping", mk.content(b"- a\n- b\n"), ("must be a mapping",), "infragate init"),
    Bad("malformed", mk.content(b"project: [\n"), ("malformed yaml",), "fix the yaml"),
    Bad("team-emoji", mk.sub("team: web", "team: 'web \U0001f680'"), ("project.team",),
        "letters, digits"),
    Bad("project-traversal", mk.sub("name: shopfront", "name: ../../outside"),
        ("project.name",), "fix"),
)  # fmt: skip

# Commands that read the brief: (id, args, the bad briefs they get: None for all).
SOME = ("fifo", "dev-zero", "directory", "duplicate-key", "nan", "very-deep", "team-emoji")
BRIEF_COMMANDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("check", ("check",), None),
    ("plan", ("plan",), None),
    ("status", ("status",), SOME),
    ("approve", ("approve", "--role", "infra_owner", "--as", DANA), SOME),
    ("freeze", ("freeze",), SOME),
    ("history", ("history",), ("fifo", "dev-zero", "duplicate-key")),
    ("propose", ("change", "propose", "--as", DANA, "--reason", "more shoppers"), SOME),
    ("waive", ("waive", "RS003", "--as", DANA, "--reason", "accepted for the pilot",
               "--expires", "2099-01-01"), ("fifo", "dev-zero", "duplicate-key")),
    ("retire", ("retire", "--as", DANA, "--reason", "contract ended"), ("fifo", "nan")),
    ("audit-brief", ("audit", ".", "--brief", BRIEF, "-f", "json"), ("fifo", "dev-zero")),
    ("verify-brief", ("verify",), ("fifo", "dev-zero", "socket", "sparse-2mb")),
)  # fmt: skip

# -- the lock file (JSON) ------------------------------------------------------------------

RESTORE = "restore the lock file"
LOCK_BAD = (
    Bad("fifo", mk.fifo, ("named pipe",), NOT_A_FILE),
    Bad("directory", mk.directory, ("is a directory",), NOT_A_FILE),
    Bad("socket", mk.sock, ("is a socket",), NOT_A_FILE),
    Bad("dev-zero", mk.link_to("/dev/zero"), ("outside the project",), "copy the file"),
    Bad("link-out", mk.link_to("../../other/infra/baseline.lock.json"),
        ("symbolic link", "outside the project"), "copy the file"),
    Bad("missing", mk.missing, (), "infragate freeze",
        {"verify": 2, "render": 1, "render-dry": 1, "drift": 1}),
    Bad("sparse-60mb", mk.sparse(60_000_000), ("at most 50.0 MB",), RESTORE),
    Bad("empty", mk.content(b""), ("not json",), RESTORE),
    Bad("binary", mk.prepend(b"\x00"), ("binary file",), RESTORE),
    Bad("latin-1", mk.sub_bytes(b'"about": "', b'"about": "caf\xe9'), ("not utf-8",),
        "save the file as utf-8"),
    Bad("truncated", mk.truncated, ("not json",), RESTORE),
    Bad("a-list", mk.content(b"[]\n"), ("not an infragate lock file",), RESTORE),
    Bad("lock-version-2", mk.sub('"lock_version": 1', '"lock_version": 2'),
        ("lock_version 1 expected",), RESTORE),
    Bad("duplicate-approvals", mk.sub('"baseline": {', '"baseline": {\n    "approvals": [],'),
        ("duplicate key 'approvals'",), RESTORE),
    Bad("duplicate-monthly", mk.sub('"baseline": {', '"baseline": {\n    "monthly_usd": "1",'),
        ("duplicate key 'monthly_usd'",), RESTORE),
    Bad("nan", mk.sub('"version": 1', '"version": NaN'), ("'nan' is not a number",), RESTORE),
    Bad("infinity", mk.sub('"lock_version": 1', '"lock_version": -Infinity'),
        ("'-infinity' is not a number",), RESTORE),
    Bad("decimal", mk.sub('"version": 1', '"version": 1.5'), ("has a fraction",), RESTORE),
    Bad("huge-int", mk.sub('"version": 1', '"version": 1' + "0" * 5000), ("5001 digits",),
        RESTORE),
    Bad("deep", mk.sub('"baseline": {', '"baseline": {\n"x": ' + "[" * 100 + "]" * 100 + ","),
        ("nested deeper than 64",), RESTORE),
    Bad("very-deep", mk.sub('"baseline": {',
                            '"baseline": {\n"x": ' + "[" * 100000 + "]" * 100000 + ","),
        ("nested deeper than 64",), RESTORE),
    Bad("env-traversal", mk.rehashed(mk.set_env_name("../../../outside")),
        ("design.environments[0].name", "../../../outside"), "never edited by hand"),
    Bad("component-slash", mk.rehashed(mk.set_component_id("web/../../x")),
        ("design.components[0].id",), "never edited by hand"),
    Bad("project-traversal", mk.rehashed(mk.set_project("name", "../../etc")),
        ("brief.project.name",), "never edited by hand"),
    Bad("team-emoji", mk.rehashed(mk.set_project("team", "web \U0001f680")),
        ("brief.project.team", "letters, digits"), "never edited by hand"),
    Bad("team-markup", mk.rehashed(mk.set_project("team", "web [/]")),
        ("brief.project.team",), "never edited by hand"),
)  # fmt: skip
LOCK_SOME = ("fifo", "directory", "link-out", "dev-zero", "duplicate-approvals")
LOCK_COMMANDS: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None], ...] = (
    ("verify", ("verify",), None),
    ("render-dry", ("render", "--dry-run"), None),
    ("render", ("render",), (*LOCK_SOME, "env-traversal", "project-traversal", "missing")),
    ("drift", ("drift", "-f", "json"), (*LOCK_SOME, "env-traversal", "nan", "missing")),
    # a folder in the lock's place on a frozen project: freeze says to rewrite the lock
    # (exit 1), tested in test_half_done.test_freeze_whose_lock_cannot_be_written_...
    ("freeze", ("freeze",), ("fifo", "link-out")),
)

# -- the Terraform state (drift --tfstate) --------------------------------------------------

STATE_FIX = "terraform state pull"
STATE_BAD = (
    Bad("fifo", mk.fifo, ("named pipe",), NOT_A_FILE),
    Bad("directory", mk.directory, ("is a directory",), NOT_A_FILE),
    Bad("socket", mk.sock, ("is a socket",), NOT_A_FILE),
    Bad("dev-zero", mk.link_to("/dev/zero"), ("character device",), NOT_A_FILE),
    Bad("missing", mk.missing, ("no such file",), STATE_FIX),
    Bad("sparse-200mb", mk.sparse(200_000_000), ("at most 64.0 MB",), STATE_FIX),
    Bad("binary", mk.content(b'{"version": 4,\x00}'), ("binary file",), STATE_FIX),
    Bad("latin-1", mk.content(b'{"version": 4, "x": "caf\xe9"}'), ("not utf-8",), "utf-8"),
    Bad("not-json", mk.content(b"resources = []\n"), ("not json",), STATE_FIX),
    Bad("duplicate-key", mk.content(b'{"version": 4, "resources": [], "resources": []}'),
        ("duplicate key 'resources'",), STATE_FIX),
    Bad("nan", mk.content(b'{"version": 4, "serial": NaN, "resources": []}'),
        ("'nan' is not a number",), STATE_FIX),
    Bad("huge-int", mk.content(b'{"version": 4, "serial": ' + b"7" * 5000 + b"}"),
        ("5000 digits",), STATE_FIX),
    Bad("huge-float", mk.content(b'{"version": 4, "serial": 1e400, "resources": []}'),
        ("out of range",), STATE_FIX),
    Bad("very-deep", mk.content(b'{"version": 4, "x": ' + b"[" * 100000 + b"]" * 100000 + b"}"),
        ("nested deeper",), STATE_FIX),
    Bad("a-list", mk.content(b"[]"), ("not a terraform state",), STATE_FIX),
    Bad("bad-shape", mk.content(b'{"version": 4, "resources": "all of them"}'),
        ("not a list of objects",), STATE_FIX),
)  # fmt: skip

# -- what a command writes to (-o, render's files) -------------------------------------------

OUTPUT_COMMANDS = (
    ("plan", ("plan", "-f", "json", "-o", "OUT")),
    ("check", ("check", "-f", "sarif", "-o", "OUT")),
    ("audit", ("audit", ".", "-f", "json", "-o", "OUT")),
    ("drift", ("drift", "-f", "markdown", "-o", "OUT")),
)
OUTPUT_BAD = (
    Bad("directory", mk.directory, ("a folder is in its place",), "path of a file"),
    Bad("fifo-no-reader", mk.fifo, ("named pipe that nobody reads",), "start its reader"),
)

# -- the repository tree (audit, drift) -----------------------------------------------------

BIG_SCRIPT = mk.big_script(1_900_000)
TREE_BAD = (
    Bad("non-utf8-name", mk.tree_file(b"deploy\xff.sh", b"#!/bin/sh\necho hi\n"),
        ("xff.sh", "not utf-8"), "rename it"),
    Bad("nested-1400", mk.nested_dirs(1400), ("more than 48 levels deep",), "not read"),
    Bad("fifo", mk.tree_special("pipe.sh", mk.fifo), ("pipe.sh", "not a regular file"), ""),
    Bad("socket", mk.tree_special("app.sock", mk.sock), ("app.sock", "not a regular file"), ""),
    Bad("gitignore-invalid", mk.tree_file(b".gitignore", b"**/[z-a]\n\\\n*.log\n"),
        (".gitignore", "invalid pattern"), "as git does"),
    Bad("link-out", mk.tree_special("etc", mk.link_to("/etc")),
        ("etc", "symlink points outside"), ""),
    Bad("link-loop", mk.tree_special("loop", mk.link_to("loop")), ("loop", "symlink loop"), ""),
    Bad("oversized", mk.tree_file(b"big.sh", b"#!/bin/sh\n" + b"#" * 2_100_000),
        ("big.sh", "size cap"), ""),
    Bad("long-line", mk.tree_file(b"one-line.sh", b"#!/bin/sh\necho " + b"x" * 200_000 + b"\n"),
        ("one-line.sh", "character cap"), "minified or generated"),
    Bad("big-script", mk.tree_file(b"deploy.sh", BIG_SCRIPT), ("deploy.sh", "not linted"),
        "the audit's own rules read it"),
)  # fmt: skip
TREE_COMMANDS: tuple[tuple[str, tuple[str, ...], int, tuple[str, ...] | None], ...] = (
    ("audit-json", ("audit", ".", "-f", "json", "--fail-on", "never"), 0, None),
    ("audit-text", ("audit", ".", "--fail-on", "never"), 0,
     ("non-utf8-name", "nested-1400", "fifo", "gitignore-invalid")),
    ("audit-sarif", ("audit", ".", "-f", "sarif", "--fail-on", "never", "-o", "out.sarif"), 0,
     ("non-utf8-name", "nested-1400", "gitignore-invalid")),
    ("audit-markdown", ("audit", ".", "-f", "markdown", "--fail-on", "never", "-o", "out.md"),
     0, ("non-utf8-name", "fifo")),
)  # fmt: skip
DRIFT_TREE = ("non-utf8-name", "nested-1400", "fifo", "link-loop")


# -- command-line values ----------------------------------------------------------------------


def _single() -> list[Case]:
    c = Case
    waive = ("waive", "--as", DANA, "--expires", "2099-01-01")
    why = "accepted for the pilot"
    rows = [
        c("fail-on-bogus", "unclear", ("audit", ".", "--fail-on", "bogus"), 2,
          ("--fail-on", "bogus"), "'critical', 'never'"),
        c("audit-format-bogus", "unclear", ("audit", ".", "-f", "yaml"), 2, ("--format",),
          "'sarif'"),
        c("plan-format-bogus", "unclear", ("plan", "-f", "sarif"), 2, ("--format",), "'json'"),
        c("drift-format-bogus", "unclear", ("drift", "-f", "html"), 2, ("--format",), "'sarif'"),
        c("role-bogus", "unclear", ("approve", "--role", "ceo", "--as", DANA), 2, ("--role",),
          "'budget_owner'"),
        c("as-not-email", "unclear", ("approve", "--role", "infra_owner", "--as", "dana"), 2,
          ("--as 'dana'",), "use the email in the brief"),
        c("expires-not-date", "unclear",
          ("waive", "RS003", "--as", DANA, "--reason", why, "--expires", "soon"), 2,
          ("--expires 'soon'",), "yyyy-mm-dd"),
        c("waive-empty-reason", "nonsense", (*waive[:1], "RS003", *waive[1:], "--reason", ""),
          2, ("--reason is empty",), "say in a sentence"),
        c("waive-blank-reason", "nonsense", (*waive[:1], "RS003", *waive[1:], "--reason", "  "),
          2, ("--reason is empty",), "say in a sentence"),
        c("waive-warning-rule", "nonsense", (*waive[:1], "GATE010", *waive[1:], "--reason", why),
          1, ("gate010", "never blocks"), "only a blocker is waived"),
        c("waive-unknown-rule", "nonsense", (*waive[:1], "GATE099", *waive[1:], "--reason", why),
          1, ("gate099",), "'infragate rules' lists them"),
        c("waive-unknown-rs", "nonsense", (*waive[:1], "RS999", *waive[1:], "--reason", why),
          1, ("rs999",), "'infragate rules' lists them"),
        c("waive-not-a-key", "nonsense", (*waive[:1], "../x", *waive[1:], "--reason", why),
          1, ("names no blocker",), "waive a gate rule"),
        c("propose-empty-reason", "nonsense", ("change", "propose", "--as", DANA, "--reason", ""),
          2, ("--reason is empty",), "say in a sentence"),
        c("reject-empty-reason", "nonsense", ("change", "reject", "--as", SAM, "--reason", ""),
          2, ("--reason is empty",), "say in a sentence"),
        c("retire-empty-reason", "nonsense", ("retire", "--as", DANA, "--reason", " \t"),
          2, ("--reason is empty",), "say in a sentence"),
        c("exclude-backslash", "6", ("audit", ".", "-x", "\\"), 2, ("--exclude",),
          "gitignore-style pattern"),
        c("exclude-bad-range", "6", ("audit", ".", "-x", "**/[z-a]"), 2, ("[z-a]",),
          "write a path or a glob"),
        c("drift-exclude-bad", "6", ("drift", "-x", "\\"), 2, ("--exclude",),
          "write a path or a glob"),
        c("audit-proc", "6", ("audit", "/proc"), 2, ("/proc",), "folder of a repository"),
        c("audit-proc-self", "6", ("audit", "/proc/self"), 2, ("/proc",),
          "folder of a repository"),
        c("audit-sys", "6", ("audit", "/sys"), 2, ("/sys",), "folder of a repository"),
        c("audit-dev", "6", ("audit", "/dev"), 2, ("/dev",), "folder of a repository"),
        c("audit-missing-folder", "unclear", ("audit", "no-such-folder"), 2,
          ("no-such-folder",), "pass the path of a repository"),
        c("audit-a-file", "unclear", ("audit", BRIEF), 2, ("brief.yaml",),
          "pass the path of a repository"),
        c("drift-root-proc", "6", ("drift", "--root", "/proc"), 2, ("/proc",),
          "folder of a repository"),
        c("schema-bogus", "unclear", ("schema", "bogus"), 2, ("bogus",), "'brief'"),
        c("init-template-bogus", "unclear", ("init", "--template", "nope", "--path", "x.yaml"),
          2, ("nope",), "web-app-postgres"),
        c("init-maturity-bogus", "unclear", ("init", "--maturity", "huge", "--path", "x.yaml"),
          2, ("--maturity",), "prototype, mvp"),
        c("verify-lock-missing", "2", ("verify", "--lock", "nope.json"), 2, ("nope.json",),
          "infragate freeze"),
        c("render-fifo-at-output", "2", ("render", "--out", "out"), 2,
          ("dockerfile", "named pipe"), "move it out of the way",
          target="out/Dockerfile", maker=mk.fifo),
        c("render-dir-at-output", "2", ("render", "--out", "out"), 2,
          ("dockerfile", "a folder"), "move it out of the way",
          target="out/Dockerfile", maker=mk.directory),
        c("render-fifo-in-project", "2", ("render",), 2, ("dockerfile", "named pipe"),
          "move it out of the way", target="Dockerfile", maker=mk.fifo),
        c("render-dry-fifo-in-project", "2", ("render", "--dry-run"), 2,
          ("docker-compose.yml", "named pipe"), "move it out of the way",
          target="docker-compose.yml", maker=mk.fifo),
        c("render-dry-fifo-at-output", "2", ("render", "--dry-run", "--out", "out"), 2,
          (".dockerignore", "named pipe"), "move it out of the way",
          target="out/.dockerignore", maker=mk.fifo),
    ]  # fmt: skip
    return rows


def _crossed() -> list[Case]:
    out: list[Case] = []
    for cid, args, only in BRIEF_COMMANDS:
        for bad in BRIEF_BAD:
            if only is None or bad.name in only:
                out.append(Case(f"brief-{bad.name}-{cid}", "2", args, bad.codes.get(cid, 2),
                                ("brief.yaml", *bad.needles), bad.fix, BRIEF, bad.maker))  # fmt: skip
    for cid, args, only in LOCK_COMMANDS:
        for bad in LOCK_BAD:
            if only is None or bad.name in only:
                out.append(Case(f"lock-{bad.name}-{cid}", "2", args, bad.codes.get(cid, 2),
                                ("baseline.lock.json", *bad.needles), bad.fix, LOCK, bad.maker))  # fmt: skip
    for bad in STATE_BAD:
        out.append(Case(f"state-{bad.name}", "2", ("drift", "--tfstate", STATE), 2,
                        (STATE, *bad.needles), bad.fix, STATE, bad.maker))  # fmt: skip
    for cid, args in OUTPUT_COMMANDS:
        for bad in OUTPUT_BAD:
            out.append(Case(f"output-{bad.name}-{cid}", "6", args, 2, ("out", *bad.needles),
                            bad.fix, "OUT", bad.maker))  # fmt: skip
    for cid, args, code, only in TREE_COMMANDS:
        written = next((a for a in args if a.startswith("out.")), None)
        for bad in TREE_BAD:
            if only is None or bad.name in only:
                # The 1.9 MB script: the audit's own rules take seconds on it; the bound is
                # that it no longer waits minutes for ShellCheck.
                bound = 60.0 if bad.name == "big-script" else 20.0
                out.append(Case(f"tree-{bad.name}-{cid}", "6", args, code, bad.needles, bad.fix,
                                ".", bad.maker, read=written, timeout=bound))  # fmt: skip
    for fmt in ("text", "json", "sarif", "markdown"):
        for name in DRIFT_TREE:
            bad = next(b for b in TREE_BAD if b.name == name)
            written = None if fmt == "text" else f"out.{fmt}"
            args = ("drift", "-f", fmt, *(("-o", written) if written else ()))
            out.append(Case(f"drift-tree-{name}-{fmt}", "6", args, 1, (), "", ".", bad.maker,
                            read=written))  # fmt: skip
    return out


CASES: tuple[Case, ...] = tuple(_crossed() + _single())
