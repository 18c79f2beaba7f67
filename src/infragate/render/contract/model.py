"""The application's contract with its container, as the render context carries it.

Every rendered file that starts, checks or configures the application reads it from here
(`Baseline.app`): the Dockerfile's CMD and HEALTHCHECK, docker-compose.yml, .env.example,
the ECS task definitions and the instance's `docker run`. Each value names where it came
from: a brief input (`workload.app.*`) or a file and line of the repository.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Variables the rendered infrastructure sets itself, whatever the application reads.
PORT = "PORT"
SERVICE = "SERVICE"
ENVIRONMENT = "ENVIRONMENT"
REGION = "AWS_REGION"
REDIS = "REDIS_URL"
BUCKET = "BUCKET_NAME"
QUEUE = "QUEUE_URL"
DATA_DIR = "DATA_DIR"
# libpq's own variables (also read by asyncpg, node-postgres, pgx): the password stays out
# of the URL, in a secret ECS injects; TLS is required because RDS forces it.
PGPASSWORD = "PGPASSWORD"
PGSSLMODE = "PGSSLMODE"
DEFAULT_DATABASE_ENV = "DATABASE_URL"
# HTTP statuses a liveness probe accepts when the application declares no liveness route:
# any answer below 500 means the process is up and serving.
ANY_ANSWER = "200-499"
OK_ONLY = "200-399"


@dataclass(frozen=True)
class Process:
    """One service of the brief as a process of the application's image."""

    service: str  # web, api, worker, scheduler
    command: tuple[str, ...]  # exec form
    http: bool  # listens on the contract's port
    source: str  # "workload.app.start" or "app/main.py:17"


@dataclass(frozen=True)
class Variable:
    """An environment variable the application reads."""

    name: str
    source: str  # where it is read ("app/config.py:9") or "workload.app.env"
    value: str | None = None  # a fixed value the brief gives
    secret: bool = False  # ECS reads it from SSM Parameter Store (app_env.py)


@dataclass(frozen=True)
class Install:
    """How the image installs the application's dependencies (the lock file decides)."""

    package_manager: str  # npm, yarn, pnpm, pip, poetry, uv, bundler, composer, gomod, ...
    manifests: tuple[str, ...]  # copied before the install step, so its layer is cached
    command: str  # the build stage's install step
    prune: str  # after the build: drops what only building needed ("" when nothing)
    ecosystem: str  # Dependabot's package-ecosystem for these manifests
    source: str


@dataclass(frozen=True)
class Contract:
    framework: str | None  # FastAPI, Flask, Django, Next.js, Rails, ...
    port: int
    health_path: str  # deep: the deploy waits on it, alarms watch it
    liveness_path: str  # shallow: container HEALTHCHECK and load-balancer target health
    liveness_statuses: str  # HTTP codes that count as alive on the liveness path
    processes: tuple[Process, ...]
    variables: tuple[Variable, ...]  # every variable the application reads, sorted
    database_env: str | None  # the variable that carries the database URL (None: no DB)
    database_scheme: str  # the URL scheme the application's driver expects
    install: Install
    # Artifacts of the build stage the run stage copies ("path" or "path:/destination");
    # None keeps the runtime's default.
    artifacts: tuple[str, ...] | None = None
    sources: dict[str, str] = field(default_factory=dict)  # field -> where it came from

    def process(self, service: str) -> Process:
        for p in self.processes:
            if p.service == service:
                return p
        raise KeyError(service)

    def command(self, service: str) -> list[str]:
        return list(self.process(service).command)

    @property
    def start(self) -> list[str]:
        """The image's CMD: the first HTTP process (web, else api), else the first one."""
        http = [p for p in self.processes if p.http]
        return list((http or list(self.processes))[0].command)

    def reads(self, name: str) -> bool:
        return any(v.name == name for v in self.variables)


class ContractUnknown(Exception):
    """What the contract lacks: each item names what is unknown and the input that sets it."""

    def __init__(self, missing: list[tuple[str, str]]) -> None:
        self.missing = missing
        super().__init__("; ".join(f"{what} ({field_})" for what, field_ in missing))
