"""Where a file sits decides what a literal in it means: a password in a deploy script is
read by production; the same line in a test, a document or a template is not a credential."""

from __future__ import annotations

import posixpath
import re
from enum import Enum
from functools import lru_cache

from infragate.audit import lazyre
from infragate.audit.paths import PathClass, folder_classes, name_classes, of


class Place(Enum):
    ignored = "ignored"  # documentation, tests, fixtures, translations, lock files
    template = "template"  # .env.example, config.sample.yml: copied, so a real value spreads
    local = "local"  # a developer's machine: dev compose, .env.local, dev settings
    ordinary = "ordinary"  # application code and configuration
    operations = "operations"  # read by a deploy: scripts, CI, production compose, manifests


DOC_SUFFIXES = (".md", ".mdx", ".markdown", ".rst", ".adoc", ".asciidoc", ".txt", ".html")
# Folders whose files are never read by production: documentation, translations and API
# descriptions (they show example credentials), tests and their data, examples and demos.
# Compared in lower case (Docs/, Tests/).
IGNORED_FOLDERS = of(PathClass.DOCS, PathClass.TRANSLATIONS, PathClass.API_SPEC,
                     PathClass.TEST_DIR, PathClass.TEST_DATA, PathClass.EXAMPLE, PathClass.SAMPLE)  # fmt: skip
SAMPLE_NAME = lazyre.compile(
    r"(?:^|[._-])(?:example|sample|template|tmpl|tpl|dist|defaults?)(?:[._-]|$)", re.I
)
# A test run's env file is read on a developer's or CI's machine, not by production.
TEST_ENV = lazyre.compile(r"^\.env\.(?:test|testing|ci|e2e)(?:\..*)?$")
LOCK_FILES = frozenset(
    {"package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "Cargo.lock",
     "go.sum", "Gemfile.lock", "composer.lock", "Pipfile.lock", "packages.lock.json",
     "Podfile.lock", "bun.lockb", "mix.lock", "flake.lock", ".terraform.lock.hcl"}
)  # fmt: skip
# Names that say "my machine only": docker-compose.dev.yml, .env.local, settings/local.py.
LOCAL_WORD = lazyre.compile(r"(?:^|[._/-])(?:dev|devel|development|local|override|devcontainer)(?:[._/-]|$)", re.I)  # fmt: skip
PROD_WORD = lazyre.compile(r"(?:^|[._/-])(?:prod|production|live|release|stack|swarm|staging|deploy|deployment)(?:[._/-]|$)", re.I)  # fmt: skip
OPS_DIRS = frozenset(
    {"deploy", "deployment", "deployments", "infra", "infrastructure", "ops", "k8s",
     "kubernetes", "manifests", "helm", "charts", "kustomize", "ansible", "terraform",
     "playbooks", "group_vars", "host_vars", ".github", ".circleci", ".gitlab", ".buildkite",
     "ci", ".ci", "scripts", "bin"}
)  # fmt: skip
OPS_NAMES = frozenset(
    {"Makefile", "makefile", "GNUmakefile", "Jenkinsfile", "Procfile", ".gitlab-ci.yml",
     "bitbucket-pipelines.yml", "azure-pipelines.yml", ".travis.yml", ".drone.yml",
     "fly.toml", "render.yaml", "app.yaml", "serverless.yml", "serverless.yaml",
     "ecosystem.config.js", "ecosystem.config.cjs", "Dockerfile", "Containerfile"}
)  # fmt: skip
OPS_SUFFIXES = (".sh", ".bash", ".tfvars", ".tf", ".Dockerfile", ".service")


def _is_env_file(name: str) -> bool:
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


@lru_cache(maxsize=8192)
def _by_folder(directory: str) -> Place | None:
    """What the folders alone decide; a monorepo has far fewer folders than files."""
    lowered = frozenset(directory.lower().split("/")) if directory else frozenset()
    found = folder_classes(directory.lower())
    if not IGNORED_FOLDERS.isdisjoint(found):
        return Place.ignored
    if PathClass.LOCAL_DEV in found:
        return Place.local
    if PROD_WORD.search(directory) or lowered & OPS_DIRS:
        return Place.operations
    return None


@lru_cache(maxsize=8192)
def _by_name(name: str) -> Place | None:
    """What the file name alone decides; names repeat (main.tf, index.ts)."""
    if name in LOCK_FILES or name.lower().endswith(DOC_SUFFIXES):
        return Place.ignored
    if name.endswith((".map", ".min.js", ".min.css")):
        return Place.ignored  # bundles: the source they were built from is judged instead
    if "swagger" in name or "openapi" in name:
        return Place.ignored  # API descriptions show example credentials
    if PathClass.TEST_NAME in name_classes(name):  # test code by its runner's naming
        return Place.ignored
    if SAMPLE_NAME.search(name.removeprefix(".env")):
        return Place.template  # .env.example, config.sample.yml, settings.template.py
    if TEST_ENV.match(name):
        return Place.local
    if LOCAL_WORD.search(name) and not PROD_WORD.search(name):
        return Place.local
    if _is_env_file(name) or PROD_WORD.search(name):
        return Place.operations  # a plain .env is what a server loads
    if name in OPS_NAMES or name.startswith("Dockerfile") or name.endswith(OPS_SUFFIXES):
        return Place.operations
    return None


def place_of(path: str) -> Place:
    directory, name = posixpath.split(path)
    folder, named = _by_folder(directory), _by_name(name)
    if Place.ignored in (folder, named):
        return Place.ignored
    if folder is Place.local:
        return Place.local  # .devcontainer/.env
    if named is not None:
        return named  # the name is more precise than the folder: deploy/.env.example
    return folder or Place.ordinary
