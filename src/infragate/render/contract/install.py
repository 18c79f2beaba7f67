"""The image's install step, decided by the lock file actually in the repository (or by
`workload.app.package_manager` where the code is not here). A build without a lock file is
not reproducible: infragate refuses it rather than resolving dependencies at build time.

Tool versions installed in the build stage (source: PyPI, as listed on 2026-11-29):
uv 0.13.8 (2026-11), poetry 2.5.1 (2026-09).
"""

from __future__ import annotations

from infragate.audit.repo import Repo
from infragate.render.contract.model import Install

UV = "uv==0.13.8"
POETRY = "poetry==2.5.1"
VENV = "/app/.venv"

# package manager -> (runtime, manifests, install, prune, Dependabot ecosystem)
RECIPES: dict[str, tuple[str, tuple[str, ...], str, str, str]] = {
    "npm": ("node", ("package.json", "package-lock.json"), "npm ci", "npm prune --omit=dev", "npm"),
    "yarn": (
        "node",
        ("package.json", "yarn.lock"),
        "corepack enable && yarn install --immutable",
        "",
        "npm",
    ),
    "pnpm": (
        "node",
        ("package.json", "pnpm-lock.yaml"),
        "corepack enable && pnpm install --frozen-lockfile",
        "pnpm prune --prod",
        "npm",
    ),
    "pip": (
        "python",
        ("requirements.txt",),
        f"python -m venv {VENV} && {VENV}/bin/pip install --no-cache-dir -r requirements.txt",
        "",
        "pip",
    ),
    "poetry": (
        "python",
        ("pyproject.toml", "poetry.lock"),
        f"python -m venv {VENV} && pip install --no-cache-dir {POETRY} "
        f"&& VIRTUAL_ENV={VENV} poetry install --only main --no-root --no-interaction",
        "",
        "pip",
    ),
    "uv": (
        "python",
        ("pyproject.toml", "uv.lock"),
        f"pip install --no-cache-dir {UV} "
        f"&& UV_PROJECT_ENVIRONMENT={VENV} uv sync --frozen --no-dev --no-install-project",
        "",
        "uv",
    ),
    "bundler": (
        "ruby",
        ("Gemfile", "Gemfile.lock"),
        "bundle config set --local deployment true && bundle config set --local without "
        "'development test' && bundle install --jobs 4",
        "",
        "bundler",
    ),
    "composer": (
        "php",
        ("composer.json", "composer.lock"),
        "composer install --no-dev --no-interaction --prefer-dist --no-scripts "
        "--no-autoloader --ignore-platform-reqs",
        "",
        "composer",
    ),
    "gomod": ("go", ("go.mod", "go.sum"), "go mod download", "", "gomod"),
    "maven": ("java", ("pom.xml",), "mvn -B -q dependency:go-offline", "", "maven"),
    "gradle": (
        "java",
        ("build.gradle*", "settings.gradle*", "gradlew", "gradle"),
        "./gradlew --no-daemon dependencies",
        "",
        "gradle",
    ),
    "nuget": ("dotnet", ("*.csproj",), "dotnet restore", "", "nuget"),
}
# The lock file that shows each package manager, in the order they are looked for.
LOCK_FILES = (
    ("pnpm-lock.yaml", "pnpm"),
    ("yarn.lock", "yarn"),
    ("package-lock.json", "npm"),
    ("uv.lock", "uv"),
    ("poetry.lock", "poetry"),
    ("requirements.txt", "pip"),
    ("Gemfile.lock", "bundler"),
    ("composer.lock", "composer"),
    ("go.sum", "gomod"),
    ("go.mod", "gomod"),
    ("pom.xml", "maven"),
    ("build.gradle", "gradle"),
    ("build.gradle.kts", "gradle"),
)
# What a static site's node build uses is node's.
_RUNTIME_OF = {"static": "node"}


def detect(repo: Repo, runtime: str) -> tuple[str, str] | None:
    """(package manager, lock file) found at the repository's root for this runtime."""
    want = _RUNTIME_OF.get(runtime, runtime)
    for lock, manager in LOCK_FILES:
        if RECIPES[manager][0] == want and lock in repo.paths:
            return manager, lock
    if want == "dotnet":
        project = next((p for p in sorted(repo.paths) if p.endswith(".csproj")), None)
        if project:
            return "nuget", project
    return None


def recipe(manager: str, source: str) -> Install:
    _, manifests, command, prune, ecosystem = RECIPES[manager]
    if manager == "gomod":
        manifests = ("go.mod", "go.sum*")  # a module without dependencies has no go.sum
    return Install(manager, manifests, command, prune, ecosystem, source)


def runtime_of(manager: str) -> str:
    return RECIPES[manager][0]
