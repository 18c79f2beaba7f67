"""What the bench prints, and the same figures as JSON."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realrepos.audit_run import RepoResult
from realrepos.labels import SLUGS, RepoLabels
from realrepos.scoring import (
    TARGET_PRECISION,
    TARGET_RECALL,
    Counts,
    Elsewhere,
    Miss,
    by_set,
    fmt,
    total,
)

ROOT = Path(__file__).resolve().parents[2]


def _short(items: Sequence[str], limit: int = 3, width: int = 160) -> str:
    shown = [i if len(i) <= width else i[: width - 1] + "…" for i in items[:limit]]
    more = f" (+{len(items) - limit} more)" if len(items) > limit else ""
    return "; ".join(shown) + more


def print_report(
    results: list[RepoResult],
    skipped: list[tuple[RepoLabels, str]],
    per_slug: dict[str, Counts],
    fps: list[Miss],
    fns: list[Miss],
    elsewhere: list[Elsewhere],
) -> None:
    audited = [r for r in results if r.error is None]
    failed = [r for r in results if r.error is not None]
    print(
        f"Corpus: {len(results) + len(skipped)} repositories; audited {len(audited)}, "
        f"skipped {len(skipped)} (no mirror or no commit), audit failed on {len(failed)}"
    )
    for labels, why in skipped:
        print(
            f"  skipped {labels.repo}: {why}; bring it in with the search tool's "
            f"`fetch github:{labels.repo}`"
        )
    for r in failed:
        print(f"  audit failed on {r.labels.repo}: {r.error}")
    for r in audited:
        kind = ("control" if r.labels.control else "app") + (
            " held-out" if r.labels.held_out else ""
        )
        print(
            f"  {r.labels.repo:<45} {r.labels.stack:<20} {kind:<8} {r.labels.commit[:12]} "
            f"{r.files_scanned} files"
        )

    print("\nPer slug (kind level: one (repo, slug) pair counts once)")
    print(f"  {'slug':<26} {'TP':>3} {'FP':>3} {'FN':>3} {'TN':>3}  recall  precision")
    for slug in SLUGS:
        c = per_slug[slug]
        print(
            f"  {slug:<26} {c.tp:>3} {c.fp:>3} {c.fn:>3} {c.tn:>3}  "
            f"{fmt(c.recall):>6}  {fmt(c.precision):>9}"
        )
    t = total(per_slug)
    print(
        f"  {'TOTAL':<26} {t.tp:>3} {t.fp:>3} {t.fn:>3} {t.tn:>3}  "
        f"{fmt(t.recall):>6}  {fmt(t.precision):>9}"
    )
    ok_r = t.recall is not None and t.recall >= TARGET_RECALL
    ok_p = t.precision is not None and t.precision >= TARGET_PRECISION
    print(
        f"  targets: recall >= {TARGET_RECALL} {'met' if ok_r else 'NOT met'}, "
        f"precision >= {TARGET_PRECISION} {'met' if ok_p else 'NOT met'}"
    )
    sets = by_set(results)
    if "held out" in sets:
        print(
            "\nBy set: tuning (labels seen while rules were fixed) and held out (labelled "
            "before any audit run, no rule changed for them)"
        )
        for name, (repos, c) in sets.items():
            print(
                f"  {f'{name} ({repos} repos)':<26} {c.tp:>3} {c.fp:>3} {c.fn:>3} {c.tn:>3}  "
                f"{fmt(c.recall):>6}  {fmt(c.precision):>9}"
            )

    print(f"\nFalse positives ({len(fps)}): reported, labelled absent")
    for m in fps:
        print(f"  {m.repo}  {m.slug} [{m.severity}]: audit: {_short(m.evidence)}")
        print(f"      label: {m.why}")
    print(f"\nFalse negatives ({len(fns)}): labelled present, not reported")
    for m in fns:
        print(f"  {m.repo}  {m.slug}: label: {', '.join(m.evidence)} — {m.why}")

    print(
        f"\nRight kind, other place ({len(elsewhere)}): counted as true positives, but the "
        "audit's evidence shares no file with the label's"
    )
    for e in elsewhere:
        print(f"  {e.repo}  {e.slug}: audit: {_short(e.audit)}")
        print(f"      label: {', '.join(e.label)}")

    other_place = {(e.repo, e.slug) for e in elsewhere}
    controls = [r for r in audited if r.labels.control]
    print(f"\nControls ({len(controls)}): critical findings and `--fail-on high`")
    for r in controls:
        crit = {s: rep for s, rep in r.reported.items() if rep.severity == "critical"}
        print(
            f"  {r.labels.repo}: exit {r.fail_on_high_rc} with --fail-on high; "
            f"{len(crit)} critical kind(s)"
        )
        for slug, rep in sorted(crit.items()):
            if not r.labels.labels[slug].present:
                agrees = "label: ABSENT"
            elif (r.labels.repo, slug) in other_place:
                agrees = "label: present, but elsewhere"
            else:
                agrees = "label: present"
            print(
                f"    {slug} ({', '.join(sorted(rep.decisions)) or '-'}; {agrees}): "
                f"{_short(rep.evidence, 2)}"
            )


def figures(
    results: list[RepoResult],
    skipped: list[tuple[RepoLabels, str]],
    per_slug: dict[str, Counts],
    fps: list[Miss],
    fns: list[Miss],
    elsewhere: list[Elsewhere],
) -> dict[str, Any]:
    def counts(c: Counts) -> dict[str, Any]:
        return {
            "tp": c.tp,
            "fp": c.fp,
            "fn": c.fn,
            "tn": c.tn,
            "recall": c.recall,
            "precision": c.precision,
        }

    def miss(m: Miss) -> dict[str, Any]:
        return {
            "repo": m.repo,
            "slug": m.slug,
            "severity": m.severity or None,
            "evidence": list(m.evidence),
            "label_why": m.why,
        }

    return {
        "targets": {"recall": TARGET_RECALL, "precision": TARGET_PRECISION},
        "total": counts(total(per_slug)),
        "per_slug": {slug: counts(c) for slug, c in per_slug.items()},
        "by_set": {
            name: {"repos": repos, **counts(c)} for name, (repos, c) in by_set(results).items()
        },
        "false_positives": [miss(m) for m in fps],
        "false_negatives": [miss(m) for m in fns],
        "right_kind_other_place": [
            {"repo": e.repo, "slug": e.slug, "audit": list(e.audit), "label": list(e.label)}
            for e in elsewhere
        ],
        "repos": [
            {
                "repo": r.labels.repo,
                "commit": r.labels.commit,
                "stack": r.labels.stack,
                "control": r.labels.control,
                "held_out": r.labels.held_out,
                "error": r.error,
                "files_scanned": r.files_scanned,
                "fail_on_high_exit": r.fail_on_high_rc,
                "reported": {
                    slug: {
                        "severity": rep.severity,
                        "decisions": sorted(rep.decisions),
                        "evidence": rep.evidence,
                        "label_present": r.labels.labels[slug].present,
                    }
                    for slug, rep in sorted(r.reported.items())
                },
            }
            for r in results
        ],
        "skipped": [{"repo": lab.repo, "reason": why} for lab, why in skipped],
    }


def audit_source() -> str:
    """Which infragate was measured: the checkout's commit, and whether src/ has changes."""
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not head:
        return "unknown (not a git checkout)"
    return f"{head}{' with uncommitted changes in src/' if dirty else ''}"
