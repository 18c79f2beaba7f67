"""The brief's `workload.app`: the application's contract with its container (start
command, port, health path, workers, environment), for when the repository's code does
not say it (render/contract reads the code first)."""

from __future__ import annotations

import shlex
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from infragate.brief.fields import EnvName, Section, Service, UrlPath, no_repeats

PackageManager = Literal[
    "npm",
    "yarn",
    "pnpm",
    "pip",
    "poetry",
    "uv",
    "bundler",
    "composer",
    "gomod",
    "maven",
    "gradle",
    "nuget",
]
# Shell syntax a container's exec-form command cannot carry (no shell runs it).
_SHELL_ONLY = ("&&", "||", ";", "|", ">", "<", "`", "$(")


def _command(value: str | list[str]) -> list[str]:
    """A command as the container runs it: exec form, one word per item."""
    if isinstance(value, str):
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise ValueError(f"cannot split {value!r} into words ({exc})") from None
    else:
        words = list(value)
    if not words or not all(w.strip() for w in words):
        raise ValueError("a command needs at least a program name and no empty words")
    for word in words:
        if any(token in word for token in _SHELL_ONLY):
            raise ValueError(
                f"{word!r} is shell syntax; the container runs the command without a shell: "
                "put the steps in a script of the repository and name the script"
            )
    return words


Command = Annotated[str | list[str], AfterValidator(_command)]


class Worker(Section):
    name: Service = Field(description="The service of workload.services this process is.")
    command: Command = Field(
        description="How it starts in the application's image (words, or one string).",
        examples=["celery -A app.tasks worker --loglevel INFO"],
    )


class AppVariable(Section):
    name: EnvName = Field(description="The environment variable, as the application reads it.")
    value: str | None = Field(
        None,
        max_length=1000,
        description="A fixed, non-secret value set in every environment; omit it for a "
        "variable the application can go without (it is listed in .env.example).",
    )
    secret: bool = Field(
        False,
        description="true: in AWS, ECS reads it at start from the SSM SecureString "
        "parameter /<project>/<environment>/<name>, which the team creates; never in code.",
    )

    @model_validator(mode="after")
    def _value_or_secret(self) -> AppVariable:
        if self.secret and self.value is not None:
            raise ValueError(f"{self.name}: a secret has no value in the brief; drop 'value'")
        return self


class App(Section):
    """The application's contract with its container. Each input overrides what infragate
    reads from the repository's code; `render` refuses, naming the input, what it can
    neither read nor find here."""

    start: Command | None = Field(
        None,
        description="The command that starts the web (or api) process, listening on `port`.",
        examples=["uvicorn app.main:app --host 0.0.0.0 --port 8000"],
    )
    port: int | None = Field(
        None, ge=1024, le=65535, description="The port it listens on (non-root: 1024 and up)."
    )
    health_path: UrlPath | None = Field(
        None,
        description="Deep health: answers 200 only when its dependencies (database, cache) "
        "answer; the deploy waits on it.",
        examples=["/health"],
    )
    liveness_path: UrlPath | None = Field(
        None,
        description="Shallow health: 200 while the process serves, whatever its "
        "dependencies; container and load-balancer checks use it. Without one, any HTTP "
        "answer below 500 counts as alive.",
        examples=["/livez"],
    )
    workers: list[Worker] = Field(
        default_factory=list,
        description="How each other service of workload.services (worker, scheduler, a "
        "second HTTP service) starts.",
    )
    env: list[EnvName | AppVariable] = Field(
        default_factory=list,
        description="Environment variables the application reads, beyond those found in "
        "its code: a name, or {name, value}.",
        examples=[["LOG_LEVEL", {"name": "FEATURE_FLAGS", "value": "reports"}]],
    )
    database_env: EnvName | None = Field(
        None,
        description="The variable holding the database's URL, if not DATABASE_URL or the "
        "one found in the code.",
        examples=["DATABASE_URL"],
    )
    package_manager: PackageManager | None = Field(
        None,
        description="How dependencies are installed in the image; by default the lock file "
        "in the repository decides (package-lock.json: npm, poetry.lock: poetry, ...).",
        examples=["npm"],
    )

    @model_validator(mode="after")
    def _workers_once(self) -> App:
        no_repeats([w.name for w in self.workers])
        no_repeats([v if isinstance(v, str) else v.name for v in self.env])
        return self
