"""The inventory itself: facts by category, each naming the file it was inferred from."""

from __future__ import annotations

from dataclasses import dataclass, field

from infragate.audit.ci import Workflow
from infragate.audit.model import Fact

CATEGORIES = (
    "language",
    "runtime",
    "framework",
    "datastore",
    "serverless",
    "container",
    "orchestration",
    "ci",
    "iac",
    "monitoring",
    "error-tracking",
    "logging",
    "backup",
    "health",
    "deploy-script",
    "vendored",
)


@dataclass(frozen=True)
class HealthRoute:
    """A health endpoint and what its handler checks (AUD024 reads `checks`)."""

    file: str
    line: int | None
    how: str  # e.g. "FastAPI @router.get('/health')"
    checks: str | None  # what the handler touches (a datastore call), None: returns a constant


@dataclass
class Inventory:
    facts: list[Fact] = field(default_factory=list)
    workflows: list[Workflow] = field(default_factory=list)
    health_routes: list[HealthRoute] = field(default_factory=list)

    def add(self, category: str, name: str, file: str | None = None, line: int | None = None,
            detail: str = "") -> None:  # fmt: skip
        self.facts.append(Fact(category, name, file, line, detail))

    def of(self, category: str) -> list[Fact]:
        return [f for f in self.facts if f.category == category]

    def names(self, category: str) -> set[str]:
        return {f.name for f in self.facts if f.category == category}

    def has(self, category: str, name: str | None = None) -> bool:
        return any(f.category == category and (name is None or f.name == name) for f in self.facts)

    def first(self, category: str, name: str | None = None) -> Fact | None:
        return next(
            (f for f in self.facts if f.category == category and (name is None or f.name == name)),
            None,
        )

    def sorted_facts(self) -> list[Fact]:
        order = {c: i for i, c in enumerate(CATEGORIES)}
        unique = {(f.category, f.name, f.file, f.line, f.detail): f for f in self.facts}
        return sorted(
            unique.values(),
            key=lambda f: (order.get(f.category, 99), f.name, f.file or "", f.line or 0),
        )
