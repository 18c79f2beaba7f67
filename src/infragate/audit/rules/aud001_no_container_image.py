import re
from collections.abc import Iterator

from infragate.audit import lazyre
from infragate.audit.inventory import Inventory
from infragate.audit.inventory.delivery import runs_as_functions, software_others_run
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, M, ladder, served_app

STAGE = lazyre.compile(r"^\s*FROM\s+\S+\s+AS\s+(\S+)", re.I)
COPY = lazyre.compile(r"^\s*(COPY|ADD)\s+(.*)$", re.I)
# What a runtime image for a bind-mounted checkout copies: its own configuration.
CONFIG_ONLY = (".conf", ".ini", ".cnf", ".cfg", ".sh", ".crt", ".pem")


def copies_the_app(text: str) -> bool:
    """Whether a Dockerfile puts application code in the image: a COPY/ADD of sources, or of
    a build stage's output. One that copies only configuration (php.ini, nginx.conf, an
    entrypoint) or another image's binary is a runtime for code mounted at run time."""
    stages = {m.group(1).lower() for line in text.splitlines() if (m := STAGE.match(line))}
    for line in text.splitlines():
        if not (match := COPY.match(line)):
            continue
        args = match.group(2).strip()
        flags = re.findall(r"--(\w+)=(\S+)", args)
        if any(name == "from" for name, _ in flags):
            if any(name == "from" and value.lower() in stages for name, value in flags):
                return True
            continue  # another image's file (composer, a binary), not this app's code
        args = re.sub(r"--\w+(=\S+)?\s*", "", args)
        parts = re.findall(r'"([^"]+)"', args) if args.startswith("[") else args.split()
        sources = parts[:-1]
        if any(
            not s.startswith(("http://", "https://")) and not s.lower().endswith(CONFIG_ONLY)
            for s in sources
        ):
            return True
    return False


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    runtime = served_app(inventory)
    if not runtime or runs_as_functions(inventory):
        return  # a function's runtime is the platform's; its bundle is the artefact
    containers = inventory.of("container")
    images = [f.file for f in containers if f.name == "Dockerfile" and f.file]
    if not containers:
        if software_others_run(repo, inventory):
            return  # released as archives or packages: how it runs is the installer's choice
        yield Hit(None, None, f"an application ({runtime}) with no Dockerfile or Containerfile")
    elif len(images) == len(containers) and not any(copies_the_app(repo.text(p)) for p in images):
        names = ", ".join(sorted(images)[:3])
        yield Hit(
            None,
            None,
            f"an application ({runtime}) whose Dockerfiles ({names}) copy none of its code: "
            "runtimes for a mounted checkout, not an image of the application",
        )


RULE = AuditRule(
    id="AUD001",
    slug="no-container-image",
    title="The application is built into a container image",
    rationale=(
        "Without an image the runtime is whatever the server happens to have: development, "
        "CI and production drift apart, and the host is mutated in place by scripts."
    ),
    impact="'Works on my machine'; deployments depend on a hand-built server; no horizontal scaling.",
    fix="Add a multi-stage Dockerfile (build stage, then a slim runtime stage running as non-root).",
    severity=ladder(Severity.low, Severity.medium, Severity.critical, Severity.critical),
    check=check,
    needed_from=M,
    defer_reason="a prototype may run straight from a host or a PaaS build; an image pays off once releases are repeated",
)
