"""What a path is, by its folders and its name: test code, test data, examples, documentation,
vendored code, a developer's machine, CI configuration, tooling beside the application.

One table for every rule: each says which classes it leaves out (`excludes(path, ...)`),
instead of a pattern of its own. The classes stay apart where the difference matters: a
compose file among the tests is not the developer's stack (TEST_DIR), but a compose file
named `docker-compose.test.yml` at the root is judged by its name (TEST_NAME, LOCAL_NAME);
a script with `dev` anywhere in its path is a developer's (DEV_WORD), while a datastore's
file is dev-only only by a dev word in its own name (LOCAL_NAME). The table of examples
lives in tests/audit/test_paths.py.

Names are compared as written; a caller that ignores case lowers the path first.
"""

from __future__ import annotations

import posixpath
import re
from enum import Enum
from functools import lru_cache

from infragate.audit import lazyre


class PathClass(Enum):
    TEST_DIR = "test code (folder)"  # tests/, spec/, __tests__/, e2e/, cypress/
    TEST_NAME = "test code (its runner's file name)"  # test_x.py, x_test.go, x.spec.ts
    TEST_VARIANT = "the tests' by a test word by the extension"  # compose.test.yml, test_up.sh
    TEST_DATA = "test data and fixtures"  # testdata/, fixtures/, __mocks__/
    EXAMPLE = "examples"  # examples/, _examples/
    SAMPLE = "samples and demos"  # samples/, demo/ (also Java packages: org/x/samples/)
    DOCS = "documentation"  # docs/, wiki/, website/
    TRANSLATIONS = "translations"  # locales/, i18n/, lang/
    API_SPEC = "API descriptions"  # swagger/ (in NestJS also the app's DTOs)
    VENDORED = "third-party code"  # vendor/, node_modules/, third_party/
    LOCAL_DEV = "a developer's machine (folder)"  # .devcontainer/
    LOCAL_NAME = "dev, test or CI by a word in the file's name"  # docker-compose.dev.yml
    DEV_WORD = "a developer's or the tests' by a word anywhere in the path"  # scripts/dev-up.sh
    CI = "CI configuration"  # .github/, .circleci/, .gitlab-ci.yml
    SUPPORT = "tooling beside the application"  # scripts/, infra/, migrations/


# Folder names, as written: `Demo/` in app/Http/Controllers is a PHP namespace, not a demo.
FOLDERS: dict[PathClass, frozenset[str]] = {
    PathClass.TEST_DIR: frozenset(
        {"test", "tests", "__tests__", "spec", "specs", "e2e", "cypress", "playwright",
         "testing", "integration-tests"}
    ),
    PathClass.TEST_DATA: frozenset(
        {"testdata", "test-data", "test_data", "fixtures", "__fixtures__", "test-fixtures",
         "mocks", "mock", "__mocks__"}
    ),
    PathClass.EXAMPLE: frozenset({"example", "examples", "_examples"}),
    PathClass.SAMPLE: frozenset({"sample", "samples", "demo", "demos"}),
    PathClass.DOCS: frozenset(
        {"docs", "doc", "documentation", "wiki", "website", "site-docs", "api-docs", "apidocs",
         "apidoc"}
    ),
    PathClass.TRANSLATIONS: frozenset(
        {"locale", "locales", "i18n", "l10n", "translations", "lang"}
    ),
    PathClass.API_SPEC: frozenset({"swagger"}),
    PathClass.VENDORED: frozenset({"vendor", "node_modules", "third_party"}),
    PathClass.LOCAL_DEV: frozenset({".devcontainer"}),
    PathClass.CI: frozenset({".github", ".circleci"}),
    PathClass.SUPPORT: frozenset({"scripts", "infra", "infrastructure", "migrations"}),
}  # fmt: skip

# Test code by the naming conventions of its language's test runner: pytest (test_*.py,
# *_test.py, conftest.py), go test (*_test.go), RSpec (*_spec.rb), ExUnit (*_test.exs),
# Jest/Vitest/Mocha (*.test.ts, *.spec.js), JUnit/xUnit/XCTest (*Test.java, *Tests.cs).
TEST_NAME = lazyre.compile(
    r"^(?:test_.*\.py|.*_test\.(?:py|go|rb|exs?)|.*_spec\.rb|.*\.(?:test|spec)\.[cm]?[jt]sx?"
    r"|conftest\.py|.*Tests?\.(?:java|kt|cs|swift)|.*\.test\.env)$"
)
# Any file named for the tests by `test` beside its extension, whatever the extension:
# docker-compose.test.yml, relational.test.Dockerfile, test_server.sh, settings_test.py. Wider
# than TEST_NAME: `test_controller.rb` is caught too, and `.env.test.example`, so secrets
# (where a template matters) use TEST_NAME alone.
TEST_VARIANT = lazyre.compile(r"^test_|_test\.\w+$|\.(?:test|spec)\.\w+$")
CI_NAMES = frozenset({".gitlab-ci.yml"})
# A datastore's file for development, tests or CI by a word in its own name (settings/dev.py,
# docker-compose.override.yml, database.testing.php); compose's and env files' own names are
# taken out first, so that `docker-compose.yml` and `.env` are not read as words.
LOCAL_NAME = lazyre.compile(
    r"(^|[._-])(test|tests|testing|ci|dev|develop|development|local|e2e|override)([._-]|$)",
    re.I,
)
# Scripts for a developer's machine or for the tests, by a word anywhere in their path.
DEV_WORD = lazyre.compile(
    r"(?:^|/|[_.-])(tests?|specs?|dev|local|e2e|lint|fixtures?|examples?|samples?|ci|workstation|"
    r"devcontainer|setup-dev|install-dev)(?:[/_.-]|$)",
    re.I,
)


@lru_cache(maxsize=8192)
def _by_folders(directory: str) -> frozenset[PathClass]:
    folders = frozenset(directory.split("/")) if directory else frozenset()
    found = {c for c, names in FOLDERS.items() if not folders.isdisjoint(names)}
    if directory and DEV_WORD.search(directory):
        found.add(PathClass.DEV_WORD)
    return frozenset(found)


@lru_cache(maxsize=8192)
def _by_name(name: str) -> frozenset[PathClass]:
    found: set[PathClass] = set()
    if TEST_NAME.match(name):
        found.add(PathClass.TEST_NAME)
    if TEST_VARIANT.search(name) or name == "conftest.py":
        found.add(PathClass.TEST_VARIANT)
    if name in CI_NAMES:
        found.add(PathClass.CI)
    words = name.lstrip(".").replace("docker-compose", "").replace("env", "")
    if LOCAL_NAME.search(words):
        found.add(PathClass.LOCAL_NAME)
    if DEV_WORD.search(name):
        found.add(PathClass.DEV_WORD)
    return frozenset(found)


def folder_classes(directory: str) -> frozenset[PathClass]:
    """The classes a folder (relative, POSIX, no trailing slash) gives the files below it."""
    return _by_folders(directory)


def name_classes(name: str) -> frozenset[PathClass]:
    """The classes a file's name alone gives it."""
    return _by_name(name)


def classes(path: str) -> frozenset[PathClass]:
    """Every class `path` (relative, POSIX) belongs to."""
    directory, name = posixpath.split(path)
    return _by_folders(directory) | _by_name(name)


def excludes(path: str, left_out: frozenset[PathClass]) -> bool:
    """True when `path` is in any of the classes a rule leaves out."""
    directory, name = posixpath.split(path)
    return not (left_out.isdisjoint(_by_folders(directory)) and left_out.isdisjoint(_by_name(name)))


def of(*members: PathClass) -> frozenset[PathClass]:
    return frozenset(members)
