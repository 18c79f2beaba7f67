import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.model import Fact, Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, S, ladder

# The layer each tool manages: two tools on one layer are mixed; Terraform for the cloud and
# Kubernetes manifests or Helm for the workloads on it are one ordinary stack.
LAYERS = {
    "Terraform": "cloud",
    "Pulumi": "cloud",
    "AWS CDK": "cloud",
    "CloudFormation": "cloud",
    "Serverless Framework": "cloud",
    "Ansible": "hosts",
    "Kubernetes manifests (kubectl)": "workloads",
    "Helm": "workloads",
}
WORKLOADS_IN_CODE = {
    "Terraform": lazyre.compile(r'^\s*resource\s+"(?:kubernetes_\w+|helm_release)"', re.M),
    "Pulumi": lazyre.compile(r"pulumi_kubernetes|@pulumi/kubernetes|pulumi-kubernetes|pulumi_helm"),
}
KUBECTL = lazyre.compile(r"\bkubectl\s+(?:-n\s+\S+\s+)?(?:apply|create)\b")
BY_HAND = lazyre.compile(
    r"by hand|manually|from a laptop|from your (?:machine|laptop)|hand-applied", re.I
)
NEGATED = lazyre.compile(r"\b(do not|don't|never|no longer|instead of|deprecated|avoid)\b", re.I)


def _manages_workloads(repo: Repo, tool: str) -> bool:
    pattern = WORKLOADS_IN_CODE.get(tool)
    if pattern is None:
        return False
    files = repo.terraform() if tool == "Terraform" else repo.named("*.py", "*.ts", "*.go", "*.js")
    return any(pattern.search(repo.text(p)) for p in files)


def _applied_by_hand(repo: Repo) -> tuple[str, int] | None:
    """A document telling people to kubectl-apply the manifests by hand."""
    for path in repo.docs():
        text = repo.text(path)
        if "kubectl" not in text or not BY_HAND.search(text):
            continue
        for number, line in enumerate(repo.lines(path), 1):
            if KUBECTL.search(line) and not NEGATED.search(line):
                return path, number
    return None


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    tools: dict[str, Fact] = {}
    for fact in inventory.of("iac"):
        tools.setdefault(fact.name, fact)
    for fact in inventory.of("orchestration"):
        if fact.name == "Helm":
            tools.setdefault("Helm", fact)
    layers: dict[str, list[str]] = {}
    for tool in sorted(tools):
        managed = {LAYERS.get(tool, tool)}
        if _manages_workloads(repo, tool):
            managed.add("workloads")
        for layer in managed:
            layers.setdefault(layer, []).append(tool)
    mixed: dict[str, str] = {}
    for layer, names in layers.items():
        if len(names) > 1:
            for name in names:
                others = ", ".join(n for n in names if n != name)
                mixed.setdefault(name, f"{name} and {others} both manage the {layer}")
    kubectl = "Kubernetes manifests (kubectl)"
    declarative = [t for t in tools if LAYERS.get(t) == "cloud"]
    if kubectl in tools and declarative and kubectl not in mixed:
        # Declarative infrastructure beside workloads applied by hand: one system, two ways
        # of changing it (seed 001: "Pulumi infrastructure + manual K8s").
        by_hand = _applied_by_hand(repo)
        if by_hand is not None:
            where = f"{by_hand[0]}:{by_hand[1]}"
            mixed[kubectl] = (
                f"Kubernetes manifests applied by hand ({where}) beside {', '.join(declarative)}"
            )
            for tool in declarative:
                mixed.setdefault(
                    tool, f"{tool} beside Kubernetes manifests applied by hand ({where})"
                )
    for name in sorted(mixed, key=lambda n: tools[n].file or ""):
        fact = tools[name]
        yield Hit(fact.file, fact.line, mixed[name])


RULE = AuditRule(
    id="AUD020",
    slug="mixed-iac-tools",
    title="Each layer of the infrastructure is managed with one tool",
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
