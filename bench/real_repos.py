"""Recall and precision of `infragate audit` on hand-labelled real repositories (issue 10).

    .venv/bin/python bench/real_repos.py [--only OWNER/NAME ...] [--rebuild] [--json FILE]
                                         [--labels DIR] [--mirrors DIR] [--cli PATH]

The corpus is bench/real_repos/<owner>__<name>.yaml: one file per public repository, pinned
to a commit, with a label for every audit slug below (present or absent, file:line evidence
when present, and why). The labels were written by reading each repository (tree,
Dockerfiles, compose files, workflows, scripts, settings, docs) BEFORE looking at the audit's
output, judged as an infrastructure auditor would with issue 10's classes as the definition of
right; a label changed after the audit disagreed says why in its `notes`. Controls
(`control: true`) are mature, well-kept projects.

The repositories themselves are never committed. They come from the mirrors that the search
tool's `fetch github:owner/name` writes under /work/.mirror/<owner>+<name>/ (a bare git
directory somewhere below it). Each one is materialised at its pinned commit as a user's
clone would be, a git work tree (`git clone --no-checkout` from the mirror, then `git
checkout <commit>`), into build/real_repos/<owner>__<name>/, so the audit lists its files as
git does (committed files are read whatever .gitignore says). It is reused while the marker
build/real_repos/<owner>__<name>.commit names the same commit and how it was made; --rebuild
re-extracts. Where the mirror lacks objects for a checkout, the tree is extracted with `git
archive` instead, or blob by blob (saying how many objects were missing). A
repo whose mirror is missing is listed, skipped and counted as skipped in the totals; an audit
that crashes is listed and its repo left out of the figures.

For each repository the script runs `infragate audit DIR --format json --fail-on never`,
keeps the findings whose slug is one of SLUGS (linter findings such as shellcheck's are
ignored), and compares kinds, not instances: for each (repo, slug) the audit reported it or
not, the label says present or not. It prints per-slug and total recall and precision, every
false positive (with the audit's evidence) and false negative (with the label's evidence),
the true positives whose evidence shares no file with the label's ("right kind, other
place": e.g. a placeholder flagged while the real secret elsewhere was missed), and for each
control its critical findings (and whether the label agrees) and the exit code of
`infragate audit --fail-on high`.

Targets (issue 10): recall >= 0.9, precision >= 0.9, and no critical finding on a control
that its maintainers would reject. A report, not a test: exits 0, or 2 on bad label files
or bad usage.
This file is the command; its parts live in bench/realrepos/: labels.py (the label format),
materialise.py (mirror -> clone), audit_run.py (one audit, its findings by slug), scoring.py
(counts, misses) and report.py (the printout and the JSON figures).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realrepos.audit_run import RepoResult, Reported, reported_slugs, run_audit
from realrepos.labels import SLUGS, STACKS, Label, LabelError, RepoLabels, load_labels
from realrepos.materialise import find_git_dir, materialise
from realrepos.report import audit_source, figures, print_report
from realrepos.scoring import Counts, score, total

# What the tests and other scripts use from here, as before the split.
__all__ = [
    "SLUGS", "STACKS", "Counts", "Label", "LabelError", "RepoLabels", "RepoResult", "Reported",
    "find_git_dir", "load_labels", "main", "materialise", "reported_slugs", "run_audit", "score",
    "total",
]  # fmt: skip

ROOT = Path(__file__).resolve().parents[1]
LABELS_DIR = ROOT / "bench" / "real_repos"
BUILD_DIR = ROOT / "build" / "real_repos"
MIRRORS_DIR = Path("/work/.mirror")
DEFAULT_CLI = ROOT / ".venv" / "bin" / "infragate"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="OWNER/NAME",
        help="restrict to these repositories (repeatable)",
    )
    parser.add_argument("--rebuild", action="store_true", help="re-extract every repository")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as JSON")
    parser.add_argument("--labels", type=Path, default=LABELS_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--mirrors",
        type=Path,
        default=MIRRORS_DIR,
        help=f"where fetched mirrors live (default {MIRRORS_DIR})",
    )
    parser.add_argument("--build", type=Path, default=BUILD_DIR, help=argparse.SUPPRESS)
    parser.add_argument(
        "--cli",
        type=Path,
        default=DEFAULT_CLI,
        help="the infragate executable (default .venv/bin/infragate)",
    )
    args = parser.parse_args(argv)

    corpus, errors = load_labels(args.labels)
    if errors:
        for error in errors:
            print(f"bad label file: {error}", file=sys.stderr)
        return 2
    if not corpus:
        print(f"no label files in {args.labels}", file=sys.stderr)
        return 2
    if args.only:
        known = {c.repo for c in corpus}
        unknown = [o for o in args.only if o not in known]
        if unknown:
            print(f"--only: no label file for {', '.join(unknown)}", file=sys.stderr)
            return 2
        corpus = [c for c in corpus if c.repo in set(args.only)]
    if not args.cli.exists():
        print(f"{args.cli} not found: run `make demo` first", file=sys.stderr)
        return 2

    args.build.mkdir(parents=True, exist_ok=True)
    results: list[RepoResult] = []
    skipped: list[tuple[RepoLabels, str]] = []
    for labels in corpus:
        directory, note = materialise(labels, args.mirrors, args.build, args.rebuild)
        if directory is None:
            skipped.append((labels, note))
            continue
        print(f"auditing {labels.repo} ({note})", file=sys.stderr)
        result = RepoResult(labels=labels)
        _rc, report, error = run_audit(args.cli, directory, "never")
        if report is None:
            result.error = error
        else:
            result.reported = reported_slugs(report)
            result.files_scanned = int(report.get("files_scanned", 0))
            if labels.control:
                rc, _report, error = run_audit(args.cli, directory, "high")
                result.fail_on_high_rc = rc
                if error:
                    result.error = f"--fail-on high: {error}"
        results.append(result)

    per_slug, fps, fns, elsewhere = score(results)
    source = audit_source()
    print(f"infragate measured: {source}")
    print_report(results, skipped, per_slug, fps, fns, elsewhere)
    if args.json:
        data = figures(results, skipped, per_slug, fps, fns, elsewhere)
        data["infragate"] = source
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
