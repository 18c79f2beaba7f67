"""Every root the render writes, for every example and a fresh brief of every template at
every maturity, initialises from the filesystem mirror, validates, and plans on an empty
account (`terraform test` with `mock_provider "aws"`: no credentials, no network).

`terraform test` validates each root before planning it (an undeclared variable or a
wrong argument fails the run), so there is no separate `terraform validate` per root:
that would load the provider's schema once more per root, ~2 s of CPU each.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.render.terraform_harness import (
    SUBJECTS,
    cli_config,
    plan_all,
    render_subject,
    run,
)

LOCK = ".terraform.lock.hcl"


@pytest.mark.parametrize("name", SUBJECTS)
def test_every_root_validates_and_plans_on_an_empty_account(
    name: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    subject = render_subject(name, tmp_path)
    env = cli_config(tmp_path_factory.getbasetemp() / "terraform")
    # Each root initialises from the mirror with its rendered lock file, which must already
    # hold the provider's hash (-lockfile=readonly) and which init leaves as rendered.
    for root in subject.roots():
        folder = subject.terraform / root
        lock = (folder / LOCK).read_text(encoding="utf-8")
        init = run(
            ["init", "-backend=false", "-input=false", "-no-color", "-lockfile=readonly"],
            folder,
            env,
        )
        assert init.returncode == 0, f"{name}/{root}:\n{init.stdout}{init.stderr}"
        assert (folder / LOCK).read_text(encoding="utf-8") == lock, f"{name}/{root}"
    result = plan_all(subject, env)

    assert result.returncode == 0, f"{name}:\n{result.output}"
    assert sorted(result.created) == subject.roots(), result.output
    for root, created in result.created.items():
        assert created, f"{name}/{root} plans nothing"
    # The state bucket and the deploy role come first; each environment runs its network.
    assert "aws_s3_bucket.state" in result.created["bootstrap"]
    for root, created in result.created.items():
        if root.startswith("envs/") and root != "envs/preview":
            assert any(a.startswith("module.network.aws_") for a in created), root
        # With personal data the cache requires an AUTH token: made once, kept with the URL
        # in Secrets Manager (modules/redis); without, nothing of it is planned.
        main = (subject.terraform / root / "main.tf").read_text(encoding="utf-8")
        for cache, auth in re.findall(
            r'module "(\w+)" \{\n  source = "\.\./\.\./modules/redis"'
            r"(?:\n[^}]*?)\n  auth\s+= (true|false)\n",
            main,
        ):
            made = {
                f"module.{cache}.terraform_data.auth_token[0]",
                f"module.{cache}.aws_secretsmanager_secret.url[0]",
                f"module.{cache}.aws_secretsmanager_secret_version.url[0]",
            }
            if auth == "true":
                assert made <= set(created), f"{name}/{root}: {sorted(made - set(created))}"
            else:
                assert not made & set(created), f"{name}/{root}"
