"""Repo.named and Repo.glob answer as fnmatch does, though most patterns skip the regex."""

from __future__ import annotations

import fnmatch

import pytest

from infragate.audit.repo import Repo

PATTERNS = [
    ("package.json",),
    ("*.py", "*.ts"),
    ("Dockerfile", "Dockerfile.*", "*.Dockerfile"),
    (".env*", "*.env", "env-example*"),
    ("application*.yml", "logback*.xml", "sentry.*.config.js"),
    ("*",),
    ("config/environments/production.rb", "*/config/environments/production.rb"),
    (".github/workflows/*.yml", "docker-compose*", "[Mm]akefile", "seed.?s"),
]
NAMES = [
    "package.json", "a/package.json", "package.json.bak", "main.py", ".py", "x/y.ts", "Dockerfile",
    "Dockerfile.dev", "api.Dockerfile", "Dockerfile", "docker/Dockerfile", ".env", ".env.local",
    "prod.env", "env-example.txt", "application-prod.yml", "application.yml", "logback.xml",
    "logback-spring.xml", "sentry.client.config.js", "sentry.config.js", "",
    "config/environments/production.rb", "app/config/environments/production.rb",
    ".github/workflows/ci.yml", ".github/workflows/sub/ci.yml", "docker-compose.prod.yaml",
    "Makefile", "makefile", "seed.js", "seed.ts", "seed.jsx",
]  # fmt: skip


@pytest.mark.parametrize("patterns", PATTERNS, ids=lambda p: ",".join(p))
def test_named_and_glob_match_what_fnmatch_matches(patterns: tuple[str, ...]) -> None:
    texts = {name: "" for name in NAMES if name}
    repo = Repo(texts=texts, paths=frozenset(texts))
    by_glob = {n for n in texts if any(fnmatch.fnmatchcase(n, p) for p in patterns)}
    by_name = {
        n for n in texts if any(fnmatch.fnmatchcase(n.rsplit("/", 1)[-1], p) for p in patterns)
    }
    assert by_glob or by_name  # every row of the table matches something
    assert repo.glob(*patterns) == sorted(by_glob)
    assert repo.named(*patterns) == sorted(by_name)
