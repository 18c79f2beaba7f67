import posixpath
import re
from collections.abc import Iterable, Iterator

from infragate.audit import container, lazyre
from infragate.audit.ci import Workflow
from infragate.audit.inventory import Inventory
from infragate.audit.model import Hit, Severity
from infragate.audit.repo import Repo
from infragate.audit.rules.base import AuditRule, always
from infragate.audit.shell import Command, commands, script

# A path given to `docker build -f`, or a script that a command runs (for CI systems other
# than GitHub Actions, read line by line).
DOCKER_FILE_FLAG = lazyre.compile(
    r"(?:docker|podman)\s+(?:buildx\s+)?build\b[^\n]*?\s(?:-f|--file)[ =]['\"]?([\w./-]+)"
)
RUN_SCRIPT = lazyre.compile(
    r"(?:^|[\s;&|(])(?:bash|sh|source|\.)\s+['\"]?((?:\./)?[\w./-]+\.sh)\b|(?:^|[\s;&|(])(\./[\w./-]+\.sh)\b"
)
# Substrings that make a command block worth parsing for paths.
NEEDLES = ("docker", "podman", ".sh", "compose", "scp ")
SHELLS = ("bash", "sh", "source", ".", "zsh")


def _missing(repo: Repo, ref: str, *bases: str) -> bool:
    return _absent(repo, ref, [posixpath.join(base, ref) for base in bases])


def _absent(repo: Repo, ref: str, places: Iterable[str]) -> bool:
    """Whether a reference is at none of the repository paths it may mean."""
    if not ref or ref.startswith(("/", "~", "-")) or "$" in ref or "{" in ref or "*" in ref:
        return False  # absolute, templated or a glob: not something we can check offline
    return not any(repo.exists(p) for p in places)


def _flag(words: tuple[str, ...], *names: str) -> list[str]:
    """The values of a flag, as `-f X`, `--file X` or `--file=X`."""
    out = []
    for i, word in enumerate(words):
        if word in names and i + 1 < len(words):
            out.append(words[i + 1])
        for name in names:
            if name.startswith("--") and word.startswith(name + "="):
                out.append(word.split("=", 1)[1])
    return out


def _positionals(words: tuple[str, ...], takes_value: tuple[str, ...]) -> list[str]:
    out, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word.startswith("-"):
            skip = word in takes_value
        else:
            out.append(word)
    return out


BUILD_VALUES = ("-f", "--file", "-t", "--tag", "--build-arg", "--target", "--platform",
                "--cache-from", "--cache-to", "--secret", "--label", "--network", "-o",
                "--output", "--progress", "--builder", "--ssh")  # fmt: skip
COMPOSE_VALUES = ("-f", "--file", "-p", "--project-name", "--env-file", "--profile",
                  "--project-directory", "-e", "--user", "-u", "-w", "--workdir")  # fmt: skip


# What scp sends is usually a build's output (a binary, dist/, an archive); only a file that
# looks committed is checked: in a folder the repository has, or a configuration file.
CONFIG_SUFFIXES = (".yml", ".yaml", ".conf", ".service", ".sh", ".json", ".toml", ".ini", ".cfg",
                   ".timer", ".nginx", ".py", ".js", ".sql")  # fmt: skip


def _committed_looking(repo: Repo, path: str) -> bool:
    parent = posixpath.dirname(posixpath.normpath(path))
    if parent and repo.exists(parent):
        return True
    return path.endswith(CONFIG_SUFFIXES)


def _made_earlier(earlier: set[str], ref: str) -> bool:
    """A file an earlier command of the same block names (`go build -o app`, `> out.yml`)."""
    return ref in earlier or ref.removeprefix("./") in earlier


TOKEN = lazyre.compile(r"[\w./-]+")


def _refs(repo: Repo, cmd: Command, cwd: str) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(what, reference, folders it may be relative to) for one command."""
    words = cmd.words
    name = posixpath.basename(words[0])
    if name in ("ssh",):
        return  # runs on another host, against that host's files
    if name == "scp":
        args = _positionals(words[1:], ("-i", "-P", "-o", "-F", "-c", "-l", "-J", "-S"))
        if len(args) >= 2 and ":" in args[-1]:
            for source in args[:-1]:
                if ":" not in source and _committed_looking(repo, posixpath.join(cwd, source)):
                    yield "copies", source, (posixpath.join(cwd, source),)
        return
    if name in ("docker", "podman") and len(words) > 1:
        rest = words[2:] if words[1] != "buildx" else words[3:]
        sub = words[1] if words[1] != "buildx" else (words[2] if len(words) > 2 else "")
        if sub == "build":
            files = _flag(rest, "-f", "--file")
            context = (_positionals(rest, BUILD_VALUES) or ["."])[-1]
            if "://" in context or context == "-":
                return
            yield "builds in", context, (posixpath.join(cwd, context),)
            for file in files:
                if file != "-":
                    yield (
                        "builds from",
                        file,
                        (posixpath.join(cwd, file), posixpath.join(cwd, context, file)),
                    )
            return
        if sub == "compose":
            yield from _compose(repo, ("docker-compose", *rest), cwd)
            return
    if name == "docker-compose":
        yield from _compose(repo, words, cwd)
        return
    if name in SHELLS and len(words) > 1 and words[1].endswith(".sh"):
        yield "runs", words[1], (posixpath.join(cwd, words[1]),)
    elif words[0].startswith("./") and words[0].endswith(".sh"):
        yield "runs", words[0], (posixpath.join(cwd, words[0]),)


# What `docker compose` reads when no -f is given: the first of these in its folder, then its
# override file (docs.docker.com/compose/intro/compose-application-model, read 2026-11-29).
DEFAULT_COMPOSE = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def _defaults(repo: Repo, cwd: str) -> list[str]:
    first = next((p for n in DEFAULT_COMPOSE if repo.exists(p := posixpath.join(cwd, n))), None)
    if first is None:
        return []
    stem, suffix = posixpath.basename(first).split(".", 1)
    override = posixpath.join(cwd, f"{stem}.override.{suffix}")
    return [first, override] if repo.exists(override) else [first]


def _compose(
    repo: Repo, words: tuple[str, ...], cwd: str
) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    files = _flag(words, "-f", "--file")
    for file in files:
        yield "uses the compose file", file, (posixpath.join(cwd, file),)
    positional = _positionals(words[1:], COMPOSE_VALUES)
    if len(positional) >= 3 and positional[0] in ("run", "exec"):
        found = [posixpath.normpath(posixpath.join(cwd, f)) for f in files] or _defaults(repo, cwd)
        inner = tuple(positional[2:])
        script = (
            inner[1] if inner and inner[0] in SHELLS and len(inner) > 1 else (inner or ("",))[0]
        )
        if not script.endswith(".sh") or not ("/" in script or inner[0] in SHELLS):
            return
        places = container.candidates(repo, container.service(repo, found, positional[1]), script)
        if places is not None:
            # The candidates are repository paths already: the reference is checked as "".
            yield "runs in the container", script, tuple(places)


def _commands(repo: Repo, text: str) -> list[Command]:
    if not any(n in text for n in NEEDLES):
        return []
    return list(commands(text))


def _line_of(repo: Repo, path: str, start: int, ref: str) -> int:
    for number, line in enumerate(repo.lines(path)[max(start - 1, 0) :], max(start, 1)):
        if ref in line:
            return number
    return start


def _github(repo: Repo, wf: Workflow) -> Iterator[Hit]:
    for job in wf.jobs:
        for step in job.steps:
            if step.uses:
                for key in ("file", "dockerfile"):
                    ref = step.with_.get(key)
                    if isinstance(ref, str) and _missing(repo, ref, ""):
                        line = _line_of(repo, wf.path, step.line, ref)
                        yield Hit(
                            wf.path, line, f"names '{ref}', which does not exist in the repository"
                        )
            if not step.run or "$" in step.cwd:
                continue
            earlier: set[str] = set()
            for cmd in _commands(repo, step.run):
                earlier_now = set(earlier)
                earlier.update(TOKEN.findall(cmd.text))
                if cmd.cwd is None:
                    continue
                cwd = posixpath.normpath(posixpath.join(step.cwd, cmd.cwd)).lstrip(".")
                for what, ref, places in _refs(repo, cmd, cwd):
                    if _absent(repo, ref, places) and not _made_earlier(earlier_now, ref):
                        line = _line_of(repo, wf.path, step.line, ref)
                        where = f" (run in {cwd}/)" if cwd else ""
                        yield Hit(wf.path, line, f"{what} '{ref}'{where}, which does not exist")


def _other_ci(repo: Repo, path: str) -> Iterator[Hit]:
    for number, line in enumerate(repo.lines(path), 1):
        if line.lstrip().startswith("#"):
            continue
        for pattern in (DOCKER_FILE_FLAG, RUN_SCRIPT):
            for match in pattern.finditer(line):
                ref = next(g for g in match.groups() if g)
                if _missing(repo, ref, ""):
                    yield Hit(
                        path, number, f"names '{ref}', which does not exist in the repository"
                    )


def _base_context(repo: Repo, path: str, service: str) -> str | None:
    """An override file (compose.override.arm.yml) that names only a dockerfile builds in the
    context the base file beside it gives the service."""
    for other in repo.compose_files():
        if other == path or posixpath.dirname(other) != posixpath.dirname(path):
            continue
        data, _ = repo.yaml_map(other)
        services = data.get("services")
        found = services.get(service) if isinstance(services, dict) else None
        build = found.get("build") if isinstance(found, dict) else None
        if isinstance(build, str):
            return build
        if isinstance(build, dict) and isinstance(build.get("context"), str):
            return str(build["context"])
    return None


NPM_RUNS = lazyre.compile(
    r"(?:^|[\s;&|(])(?:node|ts-node|tsx|python3?|bash|sh)\s+(?:--?[\w-]+(?:=\S+)?\s+)*((?:\./)?[\w./-]+\.(?:js|mjs|cjs|ts|py|sh))\b"
)
SAM_TEMPLATE = lazyre.compile(r"""^\s*template(?:_file)?\s*=\s*["']([^"']+)["']""", re.M)


def _package_scripts(repo: Repo) -> Iterator[Hit]:
    """Files package.json scripts run, next to the package.json; only in a folder the
    repository has (dist/ or a root-level server.js is often a build's output)."""
    for path in repo.named("package.json"):
        data = repo.json(path)
        scripts = data.get("scripts") if isinstance(data, dict) else None
        if not isinstance(scripts, dict):
            continue
        here = posixpath.dirname(path)
        for name, body in scripts.items():
            for match in NPM_RUNS.finditer(str(body)):
                ref = match.group(1)
                target = posixpath.normpath(posixpath.join(here, ref))
                parent = posixpath.dirname(target)
                # In a folder the repository has (a root-level server.js is often a build's).
                if parent != here and repo.exists(parent) and _missing(repo, ref, here):
                    line = repo.line_of(path, f'"{name}"')
                    yield Hit(path, line, f"script '{name}' runs '{ref}', which does not exist")


def _sam_templates(repo: Repo) -> Iterator[Hit]:
    for path in repo.named("samconfig.toml"):
        for number, match in repo.grep(path, SAM_TEMPLATE, ("template",)):
            if _missing(repo, match.group(1), posixpath.dirname(path)):
                yield Hit(
                    path, number, f"names the template '{match.group(1)}', which does not exist"
                )


def check(repo: Repo, inventory: Inventory) -> Iterator[Hit]:
    seen: set[tuple[str | None, int | None]] = set()
    hits: list[Hit] = []
    for wf in inventory.workflows:
        if wf.system == "GitHub Actions":
            hits.extend(_github(repo, wf))
    github = {wf.path for wf in inventory.workflows if wf.system == "GitHub Actions"}
    for path in repo.ci_files():
        if path not in github:
            hits.extend(_other_ci(repo, path))
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
            given = build.get("context") or _base_context(repo, path, str(name))
            context = posixpath.normpath(posixpath.join(base, str(given or ".")))
            dockerfile = str(build.get("dockerfile", "Dockerfile"))
            built_at = doc.lines.get(("services", name, "build")) if doc else None
            if "://" not in context and _missing(repo, dockerfile, context):
                hits.append(
                    Hit(
                        path,
                        built_at,
                        f"service '{name}' builds from '{dockerfile}', which does not exist",
                    )
                )
    for path in repo.shell_scripts():
        here = posixpath.dirname(path)
        earlier: set[str] = set()
        for cmd in script(repo, path) if any(n in repo.text(path) for n in NEEDLES) else ():
            earlier_now = set(earlier)
            earlier.update(TOKEN.findall(cmd.text))
            if cmd.cwd is None:
                continue
            for what, ref, places in _refs(repo, cmd, cmd.cwd):
                # A script is run from the root or from its own folder: either may be meant.
                in_container = what == "runs in the container"
                options = (
                    places
                    if in_container
                    else (*places, *(posixpath.join(here, p) for p in places))
                )
                if _absent(repo, ref, options) and not _made_earlier(earlier_now, ref):
                    hits.append(
                        Hit(
                            path,
                            cmd.line,
                            f"{what} '{ref}', which does not exist in the repository",
                        )
                    )
    hits.extend(_package_scripts(repo))
    hits.extend(_sam_templates(repo))
    for hit in hits:
        if (hit.file, hit.line) not in seen:
            seen.add((hit.file, hit.line))
            yield hit


RULE = AuditRule(
    id="AUD016",
    slug="missing-file-reference",
    title="Workflows, compose files and scripts name files that exist, where the runner looks",
    rationale=(
        "A pipeline that builds from a Dockerfile that is not there fails every run; seed 001 "
        "found workflows naming Dockerfile.optimized and Dockerfile.uv, which did not exist."
    ),
    impact="Build and deployment failures; automation that cannot have worked since the file went.",
    fix="Point the reference at the file that exists (e.g. Dockerfile.production) or restore the file.",
    severity=always(Severity.high),
    check=check,
)
