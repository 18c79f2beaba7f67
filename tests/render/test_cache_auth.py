"""Redis AUTH for personal data: when the brief declares personal data, the cache requires a
token, the URL that carries it lives in Secrets Manager, and ECS injects it as REDIS_URL at
task start (a secret, never a plain variable); without personal data the URL is plain and
nothing of the token is rendered. test_terraform_plan.py plans both with the provider."""

from __future__ import annotations

import re

import pytest

from infragate.render import hcl, stamp, tfprice
from tests.render.rendered_examples import Example, render_examples
from tests.render_helpers import EXAMPLES

REDIS_URL = "REDIS_URL"


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Example]:
    return render_examples(tmp_path_factory)


def _modules(example: Example, env: str) -> dict[str, dict[str, object]]:
    text = stamp.read(example.files[f"infra/terraform/envs/{env}/main.tf"])[1]
    return {labels[0]: body for labels, body in hcl.blocks(hcl.parse(text), "module")}


def test_the_examples_cover_both_cases(examples: dict[str, Example]) -> None:
    cases = {
        e.baseline.personal_data for e in examples.values() if "redis" in e.baseline.datastores
    }
    assert cases == {True, False}


@pytest.mark.parametrize("name", EXAMPLES)
def test_personal_data_puts_the_cache_behind_a_token_in_secrets_manager(
    examples: dict[str, Example], name: str
) -> None:
    example = examples[name]
    personal = example.baseline.personal_data
    for env in example.baseline.environments:
        caches = env.of_kind("redis")
        if not caches:
            continue
        modules = _modules(example, env.name)
        cache = caches[0].id
        assert hcl.unquote(modules[cache]["auth"]) is personal, env.name
        for service in env.of_kind("container_service"):
            body = modules[service.id]
            plain = hcl.unquote(body["environment"])
            secrets = hcl.unquote(body.get("secrets", "{}")) or {}
            if personal:
                assert REDIS_URL not in plain, (env.name, service.id)
                assert secrets[REDIS_URL] == f"${{module.{cache}.url_secret_arn}}"
                # the execution role may read that secret, and only through this list
                assert f"${{module.{cache}.url_secret_arn}}" in hcl.unquote(body["secret_arns"])
            else:
                assert "rediss://" in plain[REDIS_URL]
                assert REDIS_URL not in secrets


def test_the_module_keeps_the_token_out_of_code_and_says_why(
    examples: dict[str, Example],
) -> None:
    example = next(
        e for e in examples.values() if e.baseline.personal_data and "redis" in e.kinds()
    )
    text = example.files["infra/terraform/modules/redis/main.tf"]
    assert "no AUTH token" not in text
    assert "auth_token                 = var.auth ? terraform_data.auth_token[0].output" in text
    assert 'secret_string = "rediss://:${terraform_data.auth_token[0].output}@' in text
    # the reason for this design (and against RBAC, IAM and ephemeral values) is written down
    for word in ("write-only", "RBAC", "IAM mode", "ephemeral"):
        assert word in text, word
    assert not re.search(r'auth_token\s*=\s*"', text)


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_rendered_secret_is_priced_once(examples: dict[str, Example], name: str) -> None:
    """The cost frame counts Secrets Manager secrets as the code creates them: one per
    database (its managed master password) and one per cache with AUTH (its URL), each
    once per environment that has it (previews have their own database, not their own
    cache); tfprice (held line by line to the frame in
    test_terraform.py) reads them back from the rendered modules."""
    example = examples[name]
    lines = tfprice.price_rendered(example.files)
    for env in example.baseline.environments:
        modules = _modules(example, env.name)
        secrets = [m for m, body in modules.items() if _creates_secret(body)]
        priced = [
            line.component
            for line in lines
            if line.environment == env.name and line.unit == "secret-month"
        ]
        assert sorted(priced) == sorted(secrets), env.name
        auth = [line for line in lines if line.environment == env.name and "AUTH" in line.item]
        caches = env.of_kind("redis")
        assert len(auth) == (1 if caches and example.baseline.personal_data else 0), env.name


def _creates_secret(body: dict[str, object]) -> bool:
    source = str(hcl.unquote(body["source"]))
    if source.endswith(("/postgres", "/mysql")):
        return True  # manage_master_user_password
    return source.endswith("/redis") and hcl.unquote(body["auth"]) is True
