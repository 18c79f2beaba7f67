"""The application's runtime is the served application's, not a tooling package.json's."""

from __future__ import annotations

from infragate.audit.inventory import build_inventory
from infragate.audit.repo import Repo
from infragate.audit.rules import BY_SLUG
from infragate.audit.rules.base import app_runtime

TOOLING = (
    '{"devDependencies": {"prettier": "^3.0.0", "husky": "^9.0.0", "@commitlint/cli": "^19.0.0"}}'
)


def test_a_tooling_package_json_does_not_stand_for_a_python_service() -> None:
    repo = Repo.from_texts(
        {
            "package.json": TOOLING,
            "backend/pyproject.toml": '[project]\nname = "api"\ndependencies = ["fastapi"]\n',
        }
    )
    inventory = build_inventory(repo)
    assert app_runtime(inventory) == "python (backend/pyproject.toml)"
    (tooling,) = [f for f in inventory.of("runtime") if f.file == "package.json"]
    assert tooling.detail == "tooling only (no runtime dependencies)"
    (hit,) = BY_SLUG["no-metrics"].check(repo, inventory)
    assert "python (backend/pyproject.toml)" in hit.evidence


def test_the_back_end_comes_before_the_front_end() -> None:
    repo = Repo.from_texts(
        {
            "frontend/package.json": '{"dependencies": {"react": "^18.0.0"}}',
            "backend/requirements.txt": "django==5.0\n",
        }
    )
    assert app_runtime(build_inventory(repo)) == "python (backend/requirements.txt)"


def test_a_node_app_with_runtime_dependencies_is_not_tooling() -> None:
    repo = Repo.from_texts({"package.json": '{"dependencies": {"express": "^4.19.0"}}'})
    (runtime,) = build_inventory(repo).of("runtime")
    assert runtime.detail == ""


def test_a_script_that_pip_installs_a_framework_names_the_runtime() -> None:
    repo = Repo.from_texts(
        {
            "deployment.sh": "#!/bin/bash\npip install --no-cache-dir fastapi uvicorn psycopg 2>&1 > /dev/null\n"
        }
    )
    inventory = build_inventory(repo)
    assert app_runtime(inventory) == "python (deployment.sh)"
    assert ("FastAPI", 2) in {(f.name, f.line) for f in inventory.of("framework")}
    assert ("postgres", 2) in {(f.name, f.line) for f in inventory.of("datastore")}


def test_pip_install_beside_a_manifest_adds_nothing() -> None:
    repo = Repo.from_texts(
        {
            "requirements.txt": "flask==3.0\n",
            "Dockerfile": "FROM python:3.12\nRUN pip install fastapi\n",
        }
    )
    assert [f.file for f in build_inventory(repo).of("runtime")] == ["requirements.txt"]
