import posixpath
import re
from collections.abc import Iterator

from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, always

# A path given to `docker build -f`, or a script that a command runs.
DOCKER_FILE_FLAG = re.compile(
    r"(?:docker|podman)\s+(?:buildx\s+)?build\b[^\n]*?\s(?:-f|--file)[ =]['\"]?([\w./-]+)"
)
RUN_SCRIPT = re.compile(
    r"(?:^|[\s;&|(])(?:bash|sh|source|\.)\s+['\"]?((?:\./)?[\w./-]+\.sh)\b|(?:^|[\s;&|(])(\./[\w./-]+\.sh)\b"
)
REMOTE = re.compile(r"\bssh\s|\bscp\s")


def _missing(repo: Repo, ref: str, *bases: str) -> bool:
    if ref.startswith("/") or "$" in ref or "{" in ref or "*" in ref:
        return False  # absolute, templated or a glob: not something we can check offline
    return not any(repo.exists(posixpath.join(base, ref)) for base in bases)


def _workflow_refs(repo: Repo, path: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(repo.lines(path), 1):
        if line.lstrip().startswith("#"):
            continue
        for pattern in (DOCKER_FILE_FLAG, RUN_SCRIPT):
            for match in pattern.finditer(line):
                yield number, next(g for g in match.groups() if g)
        key = re.match(r"^\s*(?:-\s+)?(file|dockerfile):\s*['\"]?([\w./-]+)['\"]?\s*$", line)
        if key:
            yield number, key.group(2)


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    for path in repo.ci_files():
        for at, ref in _workflow_refs(repo, path):
            if _missing(repo, ref, ""):
                yield Hit(path, at, f"names '{ref}', which does not exist in the repository")
    for path in repo.compose_files():
        base = posixpath.dirname(path)
        data, doc = repo.yaml_map(path)
        services = data.get("services") if isinstance(data.get("services"), dict) else {}
        for name, service in (services or {}).items():
            build = service.get("build") if isinstance(service, dict) else None
            if isinstance(build, str):
                build = {"context": build}
            if not isinstance(build, dict):
                continue
            context = posixpath.normpath(posixpath.join(base, str(build.get("context", "."))))
            dockerfile = str(build.get("dockerfile", "Dockerfile"))
            built_at = doc.lines.get(("services", name, "build")) if doc else None
            if _missing(repo, dockerfile, context):
                yield Hit(
                    path,
                    built_at,
                    f"service '{name}' builds from '{dockerfile}', which does not exist",
                )
    for path in repo.shell_scripts():
        here = posixpath.dirname(path)
        for number, line in enumerate(repo.lines(path), 1):
            # Commands sent over ssh run on another host, against that host's files.
            if line.lstrip().startswith("#") or REMOTE.search(line):
                continue
            for pattern in (DOCKER_FILE_FLAG, RUN_SCRIPT):
                for match in pattern.finditer(line):
                    ref = next(g for g in match.groups() if g)
                    if _missing(repo, ref, "", here):
                        yield Hit(
                            path, number, f"names '{ref}', which does not exist in the repository"
                        )


RULE = AuditRule(
    id="AUD016",
    slug="missing-file-reference",
    title="Workflows, compose files and scripts name files that exist",
    rationale=(
        "A pipeline that builds from a Dockerfile that is not there fails every run; seed 001 "
        "found workflows naming Dockerfile.optimized and Dockerfile.uv, which did not exist."
    ),
    impact="Build and deployment failures; automation that cannot have worked since the file went.",
    fix="Point the reference at the file that exists (e.g. Dockerfile.production) or restore the file.",
    severity=always(Severity.high),
    check=check,
)
