from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Fact, Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, S, ladder


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    tools: dict[str, Fact] = {}
    for fact in inventory.of("iac"):
        tools.setdefault(fact.name, fact)
    if len(tools) < 2:
        return
    names = ", ".join(sorted(tools))
    for fact in sorted(tools.values(), key=lambda f: f.file or ""):
        yield Hit(fact.file, fact.line, f"{fact.name} is one of {len(tools)} IaC tools ({names})")


RULE = AuditRule(
    id="AUD020",
    slug="mixed-iac-tools",
    title="Infrastructure is managed with one IaC tool",
    rationale=(
        "Each extra tool is another state, another workflow and another skill to keep; resources "
        "managed by two tools drift (seed 003: Terraform, CloudFormation, CDK and console changes)."
    ),
    impact="Harder audits and handovers; changes applied with the wrong tool; drift between them.",
    fix="Pick one tool and migrate incrementally, highest-value resources first.",
    severity=ladder(Severity.info, Severity.low, Severity.low, Severity.medium),
    check=check,
    needed_from=S,
    defer_reason=(
        "a hybrid that works (e.g. Pulumi for infrastructure plus manual Kubernetes manifests) is "
        "sufficient until scale demands one tool; a full migration adds risk without current benefit (seed 001)"
    ),
)
