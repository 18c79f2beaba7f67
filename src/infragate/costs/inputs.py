"""What the reports over a bill read from the store, in one transaction: the facts, the top
resources, the frames of every project and when retired projects were retired."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from infragate.costs.frames import ProjectFrames, load
from infragate.costs.model import Fact, TopResource
from infragate.costs.spend import parse_time
from infragate.lifecycle.states import State
from infragate.store import costs as cost_store
from infragate.store import repository as repo
from infragate.store.engine import Store

STATE_CHANGED = "state.changed"


@dataclass(frozen=True)
class BillInputs:
    facts: Sequence[Fact]
    top: Sequence[TopResource]
    projects: Mapping[str, ProjectFrames]
    retired_at: Mapping[str, datetime]


def read_inputs(store: Store) -> BillInputs:
    with store.read() as conn:
        facts = cost_store.facts(conn)
        top = cost_store.top_resources(conn)
        projects = load(conn)
        retired: dict[str, datetime] = {}
        for row in repo.all_projects(conn):
            if row.state is not State.retired:
                continue
            moves = [
                e
                for e in repo.events(conn, row)
                if e.kind == STATE_CHANGED and e.payload.get("to") == State.retired
            ]
            if moves:
                retired[row.name] = parse_time(moves[-1].at)
    return BillInputs(facts, top, projects, retired)
