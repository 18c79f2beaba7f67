"""The closure gate as far as the store alone can judge it, for a project whose brief and
lock file live in a repository (the portal's view of one): every rule reads the baseline
the store froze, its trail, evidence, open changes and actual cost, as `check` does; the
rules that need the repository itself cannot be judged here and say where they can be.
"""

from __future__ import annotations

from dataclasses import replace

from infragate.closure.gate import ClosureReport, evaluate
from infragate.closure.model import Verdict
from infragate.closure.service import in_store
from infragate.errors import InfragateError, Refused
from infragate.lifecycle.baseline import parse_lock
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.reading import stored_lock
from infragate.render.context import Baseline, from_lock
from infragate.store.engine import Store

# CLOSE001 verifies the repository's lock file against its brief and compares the
# repository (and a Terraform state) with the baseline: none of it is in the store.
REPOSITORY_RULES = {
    "CLOSE001": (
        "the lock file and the files it renders are in the project's repository, which the "
        "store does not hold: run 'infragate check --stage closure' there"
    ),
}


def check_stored(store: Store, name: str, clock: Clock) -> ClosureReport:
    """The closure report of `name`'s latest baseline from the store alone; the rules of
    REPOSITORY_RULES come out `cannot-judge`, with where to judge them."""
    found = stored_lock(store, name)
    if found is None:
        raise Refused(f"{name} has no frozen baseline: there is nothing to close yet")
    _, lock_text = found
    sha256, document = parse_lock(lock_text)
    baseline: Baseline | None = None
    why: str | None = None
    try:
        baseline = from_lock(document, sha256)
    except InfragateError as exc:
        why = exc.render()
    ctx, state = in_store(store, name, document, (), None, baseline, why, clock.today)
    report = evaluate(ctx, state=str(state))
    results = tuple(
        replace(r, verdict=Verdict.unjudged, reason=REPOSITORY_RULES[r.rule.id])
        if r.rule.id in REPOSITORY_RULES
        else r
        for r in report.results
    )
    return replace(report, results=results)
