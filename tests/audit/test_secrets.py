"""Secret detection: the pieces that decide (checksums, places, stand-ins), and the promise
that no output of the audit ever shows a secret's value."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest

from infragate.audit.engine import scan
from infragate.audit.secrets import candidates
from infragate.audit.secrets.formats import base62, crc32_checksum_ok, is_invalid_token
from infragate.audit.secrets.places import Place, place_of
from infragate.audit.secrets.values import is_local_host, is_stand_in, looks_random
from tests.helpers import FIXTURES, run_cli

RULE_DIRS = [FIXTURES / "audit" / "AUD022", FIXTURES / "audit" / "AUD023"]
FORMATS = ("text", "markdown", "json", "sarif")


def _token(prefix: str, body: str) -> str:
    return f"{prefix}_{body}{base62(zlib.crc32(body.encode()), 6)}"


def test_github_checksum_accepts_a_right_token_and_rejects_a_wrong_one() -> None:
    good = _token("ghp", "InfragateUnitTest0NotARealTokn")
    assert crc32_checksum_ok(good)
    bad = good[:-1] + ("A" if good[-1] != "A" else "B")
    assert not crc32_checksum_ok(bad)
    assert is_invalid_token(bad) and not is_invalid_token(good)


def test_base62_pads_to_width() -> None:
    assert base62(0, 6) == "000000"
    assert base62(61, 2) == "0z"
    assert base62(62, 2) == "10"


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("docs/setup.mdx", Place.ignored),
        ("README.md", Place.ignored),
        ("guide.adoc", Place.ignored),
        ("pkg/db_test.go", Place.ignored),
        ("tests/test_api.py", Place.ignored),
        ("src/__tests__/a.test.ts", Place.ignored),
        ("internal/testdata/x.yml", Place.ignored),
        ("package-lock.json", Place.ignored),
        ("locales/de.json", Place.ignored),
        (".env.example", Place.template),
        ("config/app.sample.yml", Place.template),
        (".env.local", Place.local),
        (".env.testing", Place.local),
        ("docker-compose.dev.yml", Place.local),
        ("mysite/settings/local.py", Place.local),
        ("docker-compose.yml", Place.ordinary),
        ("app/config.py", Place.ordinary),
        ("docker-compose.prod.yml", Place.operations),
        ("scripts/deploy.sh", Place.operations),
        (".github/workflows/ci.yml", Place.operations),
        (".env", Place.operations),
        ("k8s/secret.yaml", Place.operations),
        ("Makefile", Place.operations),
    ],
)
def test_place_of(path: str, place: Place) -> None:
    assert place_of(path) is place


@pytest.mark.parametrize(
    "value",
    ["changethis", "xoxb-your-bot-token", "${DB_PASSWORD}", "<api-token>", "{{ .Values.pw }}",
     "postgres", "password", "test123", "my-secret-key", "abcdefghijklmnop", "************",
     "dummy-token-value", "dev-secret"],
)  # fmt: skip
def test_stand_ins_are_not_credentials(value: str) -> None:
    assert is_stand_in(value, "SECRET")


@pytest.mark.parametrize("value", ["Kettle-Orbit-Sail-73", "VMware1!", "mytestkey123"])
def test_chosen_passwords_are_not_stand_ins(value: str) -> None:
    assert not is_stand_in(value, "PASSWORD")


def test_random_and_wordy_values() -> None:
    assert looks_random("Zq7Wn2Lr9Xk4Tp8Vd3Hs6Jb1")
    assert not looks_random("incorrectEmailOrPassword")
    assert not looks_random("databasepassword")


@pytest.mark.parametrize(
    ("host", "local"),
    [("localhost", True), ("127.0.0.1", True), ("[::1]", True), ("host.docker.internal", True),
     ("db.example.com", True), ("api.test", True), ("db.internal", False), ("10.0.0.5", False)],
)  # fmt: skip
def test_local_hosts(host: str, local: bool) -> None:
    assert is_local_host(host) is local


def _secret_values(rule_dir: Path) -> set[str]:
    """The value of every candidate, reported or not, in the rule's failing cases."""
    values = set()
    for case in sorted(p for p in rule_dir.glob("fail-*") if p.is_dir()):
        repo, _ = scan(case, tools=())
        for path in repo.texts:
            for found in candidates(repo, path):
                values.add(repo.lines(path)[found.line - 1][found.start : found.end])
    return values


@pytest.mark.parametrize("rule_dir", RULE_DIRS, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_output_format_shows_a_secret_value(rule_dir: Path, fmt: str) -> None:
    values = _secret_values(rule_dir)
    assert len(values) >= (20 if rule_dir.name == "AUD022" else 2)
    assert all(len(v) >= 6 for v in values), values
    result = run_cli("audit", rule_dir, "--format", fmt, "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    assert "secret-in-repository" in result.stdout or "AUD022" in result.stdout
    shown = [v for v in values if v in result.stdout or v in result.stderr]
    assert not shown, f"{len(shown)} secret values shown in {fmt} output"


def test_findings_name_their_detector_and_confidence() -> None:
    result = run_cli("audit", RULE_DIRS[0], "--format", "json", "--fail-on", "never")
    found = [
        f for f in json.loads(result.stdout)["findings"] if f["slug"] == "secret-in-repository"
    ]
    assert len(found) >= 20
    for finding in found:
        assert "(detector: " in finding["evidence"], finding["evidence"]
        assert (
            "confidence: high" in finding["evidence"] or "confidence: medium" in finding["evidence"]
        )
