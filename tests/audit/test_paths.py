"""The one table of path classes (src/infragate/audit/paths.py): path -> every class it is in.

Each rule says which classes it leaves out; this table is where a change to what counts as
test code, examples, documentation... is seen, once, for every rule."""

from __future__ import annotations

import pytest

from infragate.audit.paths import PathClass, classes, excludes, of

C = PathClass
TEST_DIR, TEST_NAME, TEST_VARIANT, TEST_DATA = C.TEST_DIR, C.TEST_NAME, C.TEST_VARIANT, C.TEST_DATA
EXAMPLE, SAMPLE, DOCS, TRANSLATIONS = C.EXAMPLE, C.SAMPLE, C.DOCS, C.TRANSLATIONS
API_SPEC, VENDORED, LOCAL_DEV, LOCAL_NAME = C.API_SPEC, C.VENDORED, C.LOCAL_DEV, C.LOCAL_NAME
DEV_WORD, CI, SUPPORT = C.DEV_WORD, C.CI, C.SUPPORT

TABLE: list[tuple[str, set[PathClass]]] = [
    # the application itself
    ("app/main.py", set()),
    ("src/server.ts", set()),
    ("Dockerfile", set()),
    ("docker-compose.yml", set()),  # compose's own name is not a word
    (".env", set()),
    (
        "app/controllers/api/v1/test_controller.rb",
        {TEST_VARIANT, LOCAL_NAME, DEV_WORD},
    ),  # a Rails controller
    ("app/Http/Controllers/Demo/IndexController.php", set()),  # a namespace, as written
    ("src/main/java/org/springframework/samples/petclinic/Owner.java", {SAMPLE, DEV_WORD}),
    ("src/event/swagger/event.response.ts", {API_SPEC}),  # NestJS keeps DTOs there
    # test code: by folder, and by its runner's naming
    ("tests/test_api.py", {TEST_DIR, TEST_NAME, TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("app/test_models.py", {TEST_NAME, TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("conftest.py", {TEST_NAME, TEST_VARIANT}),
    ("pkg/handler_test.go", {TEST_NAME, TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("spec/models/user_spec.rb", {TEST_DIR, TEST_NAME, DEV_WORD}),
    ("src/lib/__tests__/utils.test.ts", {TEST_DIR, TEST_NAME, TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("src/App.spec.tsx", {TEST_NAME, TEST_VARIANT, DEV_WORD}),
    ("src/test/java/OwnerControllerTests.java", {TEST_DIR, TEST_NAME, DEV_WORD}),
    ("e2e/login.cy.ts", {TEST_DIR, DEV_WORD}),
    ("cypress/docker-compose.yml", {TEST_DIR}),
    ("plugin/testing/broken/main.go", {TEST_DIR}),
    # named for the tests beside the extension, not test code (secrets keep judging these)
    ("docker-compose.test.yml", {TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("relational.test.Dockerfile", {TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    (".env.test.example", {TEST_VARIANT, LOCAL_NAME, DEV_WORD}),
    ("scripts/test_server.sh", {TEST_VARIANT, LOCAL_NAME, DEV_WORD, SUPPORT}),
    (".env.test", {LOCAL_NAME, DEV_WORD}),
    # test data
    ("internal/testdata/config.yml", {TEST_DATA}),
    ("tests/fixtures/users.json", {TEST_DIR, TEST_DATA, DEV_WORD}),
    ("src/__mocks__/api.ts", {TEST_DATA}),
    # examples, samples, documentation
    ("examples/complete/main.tf", {EXAMPLE, DEV_WORD}),
    ("_examples/basic/main.go", {EXAMPLE, DEV_WORD}),
    ("demo/app.py", {SAMPLE}),
    ("docs/deploy.md", {DOCS}),
    ("website/docs/intro.mdx", {DOCS}),
    ("locales/en.json", {TRANSLATIONS}),
    ("lang/en/auth.php", {TRANSLATIONS}),
    # third-party code
    ("vendor/javascript/d3.js", {VENDORED}),
    ("node_modules/pg/index.js", {VENDORED}),
    ("third_party/lib/x.go", {VENDORED}),
    # a developer's machine and CI
    (".devcontainer/docker-compose.yml", {LOCAL_DEV, DEV_WORD}),
    ("docker-compose.dev.yml", {LOCAL_NAME, DEV_WORD}),
    ("docker-compose.override.yml", {LOCAL_NAME}),
    ("config/settings/local.py", {LOCAL_NAME, DEV_WORD}),
    ("config/database.testing.php", {LOCAL_NAME}),
    ("scripts/dev-setup.sh", {LOCAL_NAME, DEV_WORD, SUPPORT}),
    ("bin/lint.sh", {DEV_WORD}),
    (".github/workflows/ci.yml", {CI, LOCAL_NAME, DEV_WORD}),
    (".circleci/config.yml", {CI}),
    (".gitlab-ci.yml", {CI, LOCAL_NAME, DEV_WORD}),
    # tooling beside the application
    ("infra/main.tf", {SUPPORT}),
    ("migrations/0001_initial.py", {SUPPORT}),
    ("scripts/deploy.sh", {SUPPORT}),
]


@pytest.mark.parametrize(("path", "expected"), TABLE, ids=[p for p, _ in TABLE])
def test_a_path_is_in_exactly_these_classes(path: str, expected: set[PathClass]) -> None:
    assert classes(path) == expected


def test_every_class_appears_in_the_table() -> None:
    seen = set().union(*(expected for _, expected in TABLE))
    assert seen == set(PathClass)


@pytest.mark.parametrize(
    ("path", "left_out", "excluded"),
    [
        ("tests/docker-compose.yml", of(TEST_DIR, TEST_DATA), True),
        ("docker-compose.test.yml", of(TEST_DIR, TEST_DATA), False),  # judged by its name elsewhere
        ("examples/main.tf", of(EXAMPLE, TEST_DIR, TEST_DATA), True),
        ("main.tf", of(EXAMPLE, TEST_DIR, TEST_DATA), False),
    ],
)
def test_a_rule_leaves_out_the_classes_it_names(
    path: str, left_out: frozenset[PathClass], excluded: bool
) -> None:
    assert excludes(path, left_out) is excluded
