"""One audit: walk once, build the inventory, run every rule, judge each finding."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from infragate.audit.inventory import Inventory, build_inventory
from infragate.audit.judgement import judge, linter_finding
from infragate.audit.linters import ALL_TOOLS, plan_linters, run_linters, run_plan
from infragate.audit.model import AuditReport, Finding, MaturityBasis
from infragate.audit.repo import Repo
from infragate.audit.rules import AUDIT_RULES
from infragate.audit.rules.base import AuditRule
from infragate.audit.walker import MAX_BYTES, walk


def scan(
    root: Path,
    *,
    tools: Iterable[str] = ALL_TOOLS,
    max_bytes: int = MAX_BYTES,
    exclude: Sequence[str] = (),
) -> tuple[Repo, dict[str, str]]:
    """The edge: read the tree and run the external tools; returns plain data."""
    walked = walk(root, max_bytes=max_bytes, exclude=exclude)
    repo = Repo(
        texts=walked.texts,
        paths=frozenset(walked.paths),
        dirs=frozenset(walked.dirs),
        skipped=list(walked.skipped),
        vendored=walked.vendored,
    )
    status: dict[str, str] = {}
    if tools:
        repo.diagnostics, status = run_linters(root.resolve(), repo, tools)
    return repo, status


def findings(
    repo: Repo,
    inventory: Inventory,
    basis: MaturityBasis,
    rules: Sequence[AuditRule] = AUDIT_RULES,
    *,
    tools: bool = True,
) -> list[Finding]:
    """The pure core: every rule's hits, judged; then (with `tools`) the external tools' own."""
    out = [judge(rule, hit, basis) for rule in rules for hit in rule.check(repo, inventory)]
    if tools:
        out.extend(f for d in repo.diagnostics if (f := linter_finding(d)) is not None)
    return sorted(out, key=Finding.sort_key)


def run_audit(
    root: Path,
    basis: MaturityBasis,
    *,
    tools: Iterable[str] = ALL_TOOLS,
    exclude: Sequence[str] = (),
    progress: Callable[[str], None] = lambda step: None,
) -> AuditReport:
    """`progress` hears each step's name as it starts (the CLI shows it on a terminal)."""
    progress("reading the tree")
    repo, _ = scan(root, tools=(), exclude=exclude)
    progress(f"building the inventory of {len(repo.paths)} files")
    # The linters are subprocesses: they run while this process builds the inventory.
    lint_plan = plan_linters(repo, tools)
    with ThreadPoolExecutor(max_workers=1) as background:
        linting = background.submit(run_plan, root.resolve(), lint_plan)
        inventory = build_inventory(repo)
        found = findings(
            repo, inventory, basis, [r for r in AUDIT_RULES if not r.uses_tools], tools=False
        )
        progress("waiting for the linters")
        repo.diagnostics, status = linting.result()
    found += findings(repo, inventory, basis, [r for r in AUDIT_RULES if r.uses_tools], tools=True)
    found.sort(key=Finding.sort_key)
    every = [*repo.skipped, *lint_plan.skipped]
    skipped = sorted({(s.path, s.reason): s for s in every}.values(), key=lambda s: s.path)
    return AuditReport(
        root=str(root),
        files_scanned=len(repo.paths),
        basis=basis,
        inventory=inventory.sorted_facts(),
        findings=found,
        skipped=skipped,
        tools=status,
        excluded=list(exclude),
    )
