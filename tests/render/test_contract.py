"""The container contract comes from the application: the ceo-dashboard example's rendered
image starts its own FastAPI app, probes a route it declares and gets every variable it
reads; what neither the code nor the brief says makes render refuse, naming the input."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from infragate.audit.repo import Repo
from infragate.errors import Refused
from infragate.render import engine, pins, source, stamp
from infragate.render.context import runtime as runtime_spec
from infragate.render.contract import ContractUnknown, resolve
from tests.render_helpers import ROOT, TODAY, baseline_of, freeze_example, rendered

CEO = ROOT / "examples" / "ceo-dashboard"


def _dockerfile_cmd(text: str) -> list[str]:
    line = next(line for line in text.splitlines() if line.startswith("CMD "))
    command: list[str] = json.loads(line.removeprefix("CMD "))
    return command


def test_ceo_dashboard_image_starts_its_own_app(tmp_path: Path) -> None:
    files = rendered(freeze_example("ceo-dashboard", tmp_path / "ceo"))
    command = _dockerfile_cmd(files["Dockerfile"])
    assert command[0] == "uvicorn"
    module, attribute = command[1].split(":")
    # the module exists and binds the attribute to a FastAPI instance
    tree = ast.parse((CEO / (module.replace(".", "/") + ".py")).read_text())
    bound = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    value = bound[attribute]
    assert isinstance(value, ast.Call) and getattr(value.func, "id", "") == "FastAPI"
    # it listens where the image, the task definition and compose say it does
    port = int(command[command.index("--port") + 1])
    assert f"EXPOSE {port}" in files["Dockerfile"]
    assert f"container_port       = {port}" in files["infra/terraform/envs/prod/main.tf"]
    # the deploy's health path is a route the app declares
    health = re.search(r"deep health GET (\S+)", files["Dockerfile"])
    assert health is not None
    routes = re.findall(r'@app\.get\("([^"]+)"\)', (CEO / "app/main.py").read_text())
    assert health.group(1) in routes
    assert f'{health.group(1)}"' in files["infra/terraform/envs/prod/outputs.tf"]
    # every variable the app reads (pydantic-settings fields) is set or listed
    config = (CEO / "app/config.py").read_text()
    reads = {f.upper() for f in re.findall(r"^    ([a-z_]+): ", config, re.M)} - {"MODEL_CONFIG"}
    listed = set(re.findall(r"^#? ?([A-Z_][A-Z0-9_]*)=", files[".env.example"], re.M))
    assert reads and reads <= listed, reads - listed
    # DATABASE_URL is rendered where the app reads it, with its driver, TLS required
    task = files["infra/terraform/envs/prod/main.tf"]
    assert 'DATABASE_URL = "postgresql+asyncpg://${module.database.username}@' in task
    assert 'PGSSLMODE    = "require"' in task
    # as its own IAM-authenticated user: the master secret RDS rotates is never the app's
    assert "PGPASSWORD" not in task and "DATABASE_HOST" not in task
    assert "master_user_secret_arn" not in task
    # the secrets the brief marks are read by ECS from SSM, never set in code
    parameter = "parameter/ceo-dashboard/prod/SNOWFLAKE_PASSWORD"
    assert re.search(r'SNOWFLAKE_PASSWORD += "arn:aws:ssm:us-east-1:\$\{[^}]+\}:' + parameter, task)
    assert (
        f'"arn:aws:ssm:us-east-1:${{data.aws_caller_identity.current.account_id}}:{parameter}"'
        in task
    )
    # no worker that does not exist
    assert "worker" not in files["docker-compose.yml"]


def test_render_refuses_what_it_cannot_know(tmp_path: Path) -> None:
    lock = freeze_example("ceo-dashboard", tmp_path / "ceo")
    (tmp_path / "ceo" / "app" / "main.py").unlink()  # no entry point, no routes
    with pytest.raises(Refused) as refused:
        source.load(lock, lock.parent / "brief.yaml", TODAY)
    message = str(refused.value)
    assert "how the 'web' service starts: set workload.app.start" in message
    assert "set workload.app.health_path" in message
    assert "Nothing was written" in message


def _repo(files: dict[str, str]) -> Repo:
    return Repo.from_texts(files)


@pytest.mark.parametrize(
    ("files", "runtime", "command", "manager"),
    [
        (
            {
                "api/server.py": "from flask import Flask\napp = Flask(__name__)\n",
                "requirements.txt": "flask\ngunicorn\n",
            },
            "python",
            ["gunicorn", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "api.server:app"],
            "pip",
        ),
        (
            {
                "manage.py": 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
                "shop/wsgi.py": "application = 1\n",
                "pyproject.toml": "django\ngunicorn\n",
                "uv.lock": "",
            },
            "python",
            ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi:application"],
            "uv",
        ),
        (
            {
                "package.json": '{"dependencies": {"next": "15"}}',
                "yarn.lock": "",
                "next.config.js": "module.exports = { output: 'standalone' }\n",
            },
            "node",
            ["node", "server.js"],
            "yarn",
        ),
        (
            {"package.json": '{"dependencies": {"next": "15"}}', "pnpm-lock.yaml": ""},
            "node",
            ["node_modules/.bin/next", "start", "--port", "3000"],
            "pnpm",
        ),
        (
            {
                "package.json": '{"scripts": {"start": "node dist/main.js"}}',
                "package-lock.json": "{}",
                "src/main.ts": "app.listen(4000)\n",
            },
            "node",
            ["node", "dist/main.js"],
            "npm",
        ),
        (
            {
                "go.mod": "module example.com/shop\n",
                "go.sum": "",
                "main.go": 'package main\nhttp.ListenAndServe(":9000", nil)\n',
            },
            "go",
            ["/app/bin/shop"],
            "gomod",
        ),
        (
            {"Gemfile": "gem 'rails'\n", "Gemfile.lock": "", "config/application.rb": ""},
            "ruby",
            ["bin/rails", "server", "--binding", "0.0.0.0", "--port", "3000"],
            "bundler",
        ),
        (
            {
                "Procfile": "web: gunicorn app:app --bind 0.0.0.0:$PORT\n",
                "requirements.txt": "flask\n",
            },
            "python",
            ["/bin/sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT"],
            "pip",
        ),
        (
            {
                "pom.xml": "<artifactId>spring-boot-starter-actuator</artifactId>spring-boot",
                "src/main/resources/application.properties": "server.port=8081\n",
            },
            "java",
            ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"],
            "maven",
        ),
    ],
)
def test_common_stacks_are_read_from_their_code(
    files: dict[str, str], runtime: str, command: list[str], manager: str
) -> None:
    app = {"health_path": "/health"} if runtime != "java" else {}
    contract = resolve(app, runtime, runtime_spec(runtime).port, ("web",), (), _repo(files))
    assert contract.command("web") == command
    assert contract.install.package_manager == manager
    if runtime == "java":
        assert contract.port == 8081
        assert contract.health_path == "/actuator/health"
        assert contract.liveness_path == "/actuator/health/liveness"


def test_environment_reads_of_each_language() -> None:
    repo = _repo(
        {
            "a.py": 'x = os.environ["A_PY"]\ny = os.getenv("B_PY")\n',
            "b.js": "const u = process.env.C_JS\n",
            "c.rb": 'ENV.fetch("D_RB")\n',
            "d.go": 'os.Getenv("E_GO")\n',
            "e.php": "getenv('F_PHP')\n",
            "tests/test_x.py": 'os.environ["NOT_THE_APP"]\n',
            "requirements.txt": "",
        }
    )
    contract = resolve(
        {"start": "x", "port": 8000, "health_path": "/h"}, "python", 8000, ("web",), (), repo
    )
    names = {v.name for v in contract.variables}
    assert names == {"A_PY", "B_PY", "C_JS", "D_RB", "E_GO", "F_PHP"}


def test_a_missing_lock_file_and_an_unknown_worker_are_refused() -> None:
    repo = _repo({"package.json": '{"scripts": {"start": "node index.js"}}'})
    with pytest.raises(ContractUnknown) as unknown:
        resolve({"health_path": "/h"}, "node", 3000, ("web", "worker"), (), repo)
    fields = [field for _, field in unknown.value.missing]
    assert "workload.app.workers (name: worker)" in fields
    assert any(f.startswith("workload.app.package_manager") for f in fields)


def test_a_dependabot_bump_is_neither_drift_nor_undone(tmp_path: Path) -> None:
    from infragate.render import output
    from infragate.render.drift import compare

    lock = freeze_example("shopfront", tmp_path / "shop")
    root = lock.parent.parent
    baseline = baseline_of(lock)
    output.apply(root, output.plan(root, engine.render(baseline), baseline.project), False)
    dockerfile = root / "Dockerfile"
    text = dockerfile.read_text()
    bumped = re.sub(
        r"node:24-trixie-slim@sha256:[0-9a-f]{64}",
        "node:24.21-trixie-slim@sha256:" + "a" * 64,
        text,
    )
    assert bumped != text
    dockerfile.write_text(bumped)
    assert stamp.edited("Dockerfile", bumped) is False
    report = compare(root, lock, lock.parent / "brief.yaml", TODAY)
    assert report.findings == [], report.findings
    again = engine.render(baseline_of(lock))
    assert again["Dockerfile"] == bumped, "render keeps the merged bump"
    # a change beyond the pin is still an edit
    dockerfile.write_text(bumped.replace("USER 10001:10001", "USER root"))
    assert stamp.edited("Dockerfile", dockerfile.read_text()) is True
    assert pins.image_name("host:5000/team/app:1.2@sha256:" + "b" * 64) == "host:5000/team/app"


def test_an_action_bump_in_the_pipeline_is_no_edit() -> None:
    path = ".github/workflows/deploy.yml"
    body = "jobs:\n  x:\n    steps:\n      - uses: actions/checkout@" + "1" * 40 + " # v4.2.2\n"
    text = stamp.stamp(path, body, "p", 1, "0" * 64)
    bumped = text.replace("1" * 40 + " # v4.2.2", "2" * 40 + " # v4.3.0")
    assert stamp.edited(path, bumped) is False
    assert pins.adopt(path, body, bumped).endswith("@" + "2" * 40 + " # v4.3.0\n")
    assert stamp.edited(path, bumped.replace("actions/checkout", "evil/checkout")) is True


def test_a_static_site_is_served_by_infragates_nginx() -> None:
    contract = resolve({"package_manager": "npm"}, "static", 8080, ("web",), (), None)
    assert contract.start == ["nginx", "-g", "daemon off;"]
    assert contract.health_path == contract.liveness_path == "/healthz"
