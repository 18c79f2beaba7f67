"""Draft a brief from the inventory: how an existing repository enters the lifecycle.

Everything inferred is filled in and marked `# inferred from <file>`; everything else is
left as a commented prompt, so that `infragate check` names exactly what a person must add.
"""

from __future__ import annotations

import re
from pathlib import Path

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.datastores import is_dev_or_test
from infragate.audit.repo import Repo
from infragate.brief.writer import SCHEMA_FILE

RUNTIMES = {"node", "python", "go", "java", "ruby", "php"}
DATASTORES = {"postgres": "postgres", "sqlite": "sqlite", "redis": "redis"}
WEB_FRAMEWORKS = {"Next.js", "Express", "NestJS", "Fastify", "Nuxt", "SvelteKit", "Django", "Flask",
                  "FastAPI", "Streamlit", "React", "Vue", "Rails", "Laravel", "Symfony",
                  "Spring Boot", "Gin", "Echo", "Chi", "Fiber", "Gorilla mux"}  # fmt: skip
REGION = lazyre.compile(
    r"""(?:region\s*[=:]\s*|AWS_REGION\s*[=:]\s*|aws:region:\s*)["']?([a-z]{2}(?:-[a-z]+)+-\d)\b"""
)


def _slug(name: str) -> str | None:
    slug = re.sub(r"[^a-z0-9-]+", "-", name.lower().rsplit("/", 1)[-1]).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)[:40].strip("-")
    return slug if re.fullmatch(r"[a-z][a-z0-9-]{1,38}[a-z0-9]", slug) else None


def _project_name(repo: Repo, root: Path) -> tuple[str, str] | None:
    for path in repo.named("package.json"):
        if "/" in path:
            continue
        data = repo.json(path)
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            slug = _slug(data["name"])
            if slug:
                return slug, path
    for path in repo.glob("pyproject.toml"):
        match = re.search(r'^name\s*=\s*"([^"]+)"', repo.text(path), re.M)
        if match and (slug := _slug(match.group(1))):
            return slug, path
    slug = _slug(root.resolve().name)
    return (slug, "the folder name") if slug else None


def _region(repo: Repo) -> tuple[str, str] | None:
    for path in [*repo.terraform(), *repo.named("Pulumi.*.yaml"), *repo.ci_files()]:
        match = REGION.search(repo.text(path))
        if match:
            return match.group(1), path
    return None


def _provider(repo: Repo, inventory: Inventory) -> str | None:
    for path in [*repo.terraform(), *repo.named("Pulumi.*.yaml", "requirements.txt", "package.json"), *repo.ci_files()]:  # fmt: skip
        if re.search(
            r'provider\s+"aws"|pulumi[_-]aws|aws-actions/|\baws:region\b|@aws-sdk/|\bboto3\b',
            repo.text(path),
        ):
            return path
    return None


def _section(key: str, body: list[str]) -> list[str]:
    """A mapping whose keys are all commented out is written as a comment too (else: null)."""
    if all(line.lstrip().startswith("#") for line in body):
        return [f"# {key}:", *(f"#{line.replace('# ', '', 1)}" for line in body)]
    return [f"{key}:", *body]


def draft_brief(repo: Repo, inventory: Inventory, root: Path) -> str:
    lines = [
        f"# yaml-language-server: $schema=./{SCHEMA_FILE}",
        f"# Drafted by 'infragate audit --draft-brief' from the repository at {root}.",
        "# Lines marked 'inferred' come from the files they name: check them.",
        "# Commented keys could not be inferred: a person must decide them.",
        "# Then run 'infragate check' to see what the start gate still needs.",
        "version: 1",
        "",
    ]
    name = _project_name(repo, root)
    lines += _section(
        "project",
        [
            f"  name: {name[0]}  # inferred from {name[1]}"
            if name
            else "  # name: my-product  # short lowercase name used in resource names and tags",
            "  # team: my-team",
            "  # cost_center: CC-0000",
        ],
    )
    lines += [
        "",
        "# At least two people: infra_owner decides the design, budget_owner approves its cost.",
        "# owners:",
        "#   - {name: First Owner, email: first.owner@example.com, roles: [infra_owner]}",
        "#   - {name: Second Owner, email: second.owner@example.com, roles: [budget_owner]}",
        "",
        "# prototype | mvp | production | scale: decides the required inputs and what counts as",
        "# over- or under-engineering. Not inferable from code: decide it.",
        "# maturity: mvp",
        "",
    ]
    workload: list[str] = []
    runtime = next((f for f in inventory.of("runtime") if f.name in RUNTIMES), None)
    if runtime:
        workload.append(f"  runtime: {runtime.name}  # inferred from {runtime.file}")
    else:
        workload.append("  # runtime: node")
    web = next((f for f in inventory.of("framework") if f.name in WEB_FRAMEWORKS), None)
    if web:
        workload.append(f"  services: [web]  # inferred from {web.file} ({web.name})")
    else:
        workload.append("  # services: [web]")
    stores: dict[str, str] = {}
    for fact in inventory.of("datastore"):
        # A database only a dev-container or the tests use is not the workload's.
        if fact.name in DATASTORES and fact.file and not is_dev_or_test(fact):
            stores.setdefault(DATASTORES[fact.name], fact.file)
    if stores:
        sources = ", ".join(sorted(set(stores.values())))
        workload.append(f"  datastores: [{', '.join(sorted(stores))}]  # inferred from {sources}")
    else:
        workload.append("  # datastores: [postgres]")
    lines += _section("workload", workload)
    lines += [
        "",
        "# load: {users: 1000, peak_rps: 10, data_gb: 10, growth_pct_month: 10}",
        '# availability: {target: "99.5", rto_minutes: 240, rpo_minutes: 60}',
        "# data: {criticality: medium, personal_data: false, compliance: []}",
        "# budget: {monthly_usd: 500, hard_limit: false}",
        "",
    ]
    provider = _provider(repo, inventory)
    region = _region(repo)
    lines += _section(
        "cloud",
        [
            f"  provider: aws  # inferred from {provider}" if provider else "  # provider: aws",
            f"  region: {region[0]}  # inferred from {region[1]}"
            if region
            else "  # region: us-east-1",
        ],
    )
    return "\n".join(lines) + "\n"
