"""What an audit rule is: metadata, a severity per maturity, when its fix becomes needed,
and one pure check over the in-memory repository and its inventory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.frameworks import BACKEND_RUNTIME, SERVED_BACKENDS
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.maturity import Maturity

AUDIT_ID = lazyre.compile(r"^AUD\d{3}$")
SLUG = lazyre.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

SERVING = frozenset(
    {"Next.js", "React", "Express", "NestJS", "Fastify", "Vue", "Nuxt", "SvelteKit",
     "Django", "Flask", "FastAPI", "Streamlit", "Rails", "Laravel", "Symfony", "Spring Boot",
     "Gin", "Echo", "Chi", "Fiber", "Gorilla mux"}
)  # fmt: skip
SERVING |= SERVED_BACKENDS  # Rails, Laravel, Spring Boot, Go, ASP.NET: inventory/frameworks.py
PYTHON_SERVING = frozenset({"Django", "Flask", "FastAPI", "Streamlit"})
Check = Callable[[Repo, Inventory], Iterable[Hit]]
P, M, PR, S = Maturity.prototype, Maturity.mvp, Maturity.production, Maturity.scale


def ladder(prototype: Severity, mvp: Severity, production: Severity, scale: Severity) -> dict[Maturity, Severity]:  # fmt: skip
    return {P: prototype, M: mvp, PR: production, S: scale}


def always(severity: Severity) -> dict[Maturity, Severity]:
    return ladder(severity, severity, severity, severity)


@dataclass(frozen=True)
class AuditRule:
    id: str
    slug: str
    title: str
    rationale: str  # why it matters, with the source of any outside fact
    impact: str  # what goes wrong if nothing is done
    fix: str  # the remediation
    severity: Mapping[Maturity, Severity]
    check: Check
    # The fix is needed from this maturity on; below it, it is deferred as over-engineering.
    # None: needed at every maturity (a defect, not a missing capability).
    needed_from: Maturity | None = None
    defer_reason: str = ""
    # Losing or leaking data hurts more when the brief says the data is critical.
    data_sensitive: bool = False
    # Reads the external tools' diagnostics: runs after them, the other rules run meanwhile.
    uses_tools: bool = False


def app_runtime(inventory: Inventory) -> str | None:
    """The application's runtime and manifest, e.g. 'node (package.json)', if it has one."""
    fact = inventory.first("runtime")
    return f"{fact.name} ({fact.file})" if fact else None


def served_frameworks(inventory: Inventory) -> list[str]:
    """The served frameworks to name in a message: the back end where there is one (a Laravel
    app with a React front end is a Laravel app), else the front-end frameworks."""
    names = inventory.names("framework") & SERVING
    return sorted(names - {"React", "Vue"}) or sorted(names)


def served_app(inventory: Inventory) -> str | None:
    """Like `app_runtime`, but only for something that runs as a service (a web framework or
    a deploy script), not a library: a library needs CI, not an image or metrics."""
    if any(f.name in SERVING for f in inventory.of("framework")) or inventory.has("deploy-script"):
        # The served framework's runtime, not a tooling package.json beside it.
        for name in served_frameworks(inventory):
            runtime = BACKEND_RUNTIME.get(name) or ("python" if name in PYTHON_SERVING else "node")
            if fact := inventory.first("runtime", runtime):
                return f"{fact.name} ({fact.file})"
        return app_runtime(inventory)
    return None
