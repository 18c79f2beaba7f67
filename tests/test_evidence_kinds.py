"""Each kind of evidence read from its file: what is accepted, and every refusal naming
the file, the line and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.errors import InputError
from infragate.evidence.kinds import VALIDATORS, BaselineFacts
from infragate.evidence.model import EvidenceKind
from infragate.evidence.reading import read_evidence_file
from infragate.evidence.secretscan import secret_values
from tests.closure_helpers import EVIDENCE, FILES

SHOP = BaselineFacts(version=1, environments=("staging", "prod"), rto_minutes=240)


def _facts(kind: EvidenceKind, path: Path, b: BaselineFacts = SHOP) -> dict[str, object]:
    return VALIDATORS[kind](read_evidence_file(path, str(kind)), b)


def test_the_fixture_records_are_accepted() -> None:
    deploy = _facts(EvidenceKind.deploy, EVIDENCE / FILES[EvidenceKind.deploy])
    assert deploy["healthy"] is True and deploy["environment"] == "prod"
    restore = _facts(EvidenceKind.restore_test, EVIDENCE / FILES[EvidenceKind.restore_test])
    assert restore["duration_seconds"] == 2490 and restore["met_rto"] is True
    assert restore["rows_verified"] == 182344 and restore["rto_minutes"] == 240
    alert = _facts(EvidenceKind.alert_test, EVIDENCE / FILES[EvidenceKind.alert_test])
    assert alert["minutes_to_reach"] == 2 and alert["received_by"] == "dana@example.com"
    access = _facts(EvidenceKind.access, EVIDENCE / FILES[EvidenceKind.access])
    assert access["cloud_account"] == ["dana@example.com", "sam@example.com"]
    assert access["people"] == 3
    secrets = _facts(EvidenceKind.secrets, EVIDENCE / FILES[EvidenceKind.secrets])
    assert secrets["count"] == 3
    assert secrets_without_values()


def secrets_without_values() -> bool:
    for name in FILES.values():
        assert secret_values(read_evidence_file(EVIDENCE / name, "any")) is None, name
    return True


def test_the_rto_is_the_baselines_not_the_files(tmp_path: Path) -> None:
    # The file says met: true for its own RTO; against an RTO of 30 minutes it is not met.
    tight = BaselineFacts(version=1, environments=("prod",), rto_minutes=30)
    facts = _facts(EvidenceKind.restore_test, EVIDENCE / "restore-test.json", tight)
    assert facts["met_rto"] is False and facts["rto_minutes"] == 30


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        (EvidenceKind.deploy, '{"environment": "prod",\n "version": "a1",\n "health": {"status": "down", "version": "a1"}}', ":3: health.status: is 'down': the health check is not green"),
        (EvidenceKind.deploy, '{"environment": "qa", "version": "a1", "health": {"version": "a1"}}', ":1: environment: baseline v1 has no environment 'qa'"),
        (EvidenceKind.deploy, '{"environment": "prod", "version": "a1", "baseline": "v3",\n "health": {"version": "a1"}}', "rendered from baseline v3, not the baseline in force (v1)"),
        (EvidenceKind.deploy, '{"environment": "prod", "version": "a1"}', "health: is missing: no health check answer was recorded"),
        (EvidenceKind.restore_test, '{"environment": "prod", "snapshot": "s",\n "started_at": "2026-11-26T10:00:00Z",\n "ended_at": "2026-11-26T10:10:00Z",\n "duration_seconds": 60, "verified": true, "rows_verified": 3}', ":4: duration_seconds: is 60 s, but started_at to ended_at is 600 s"),
        (EvidenceKind.restore_test, '{"environment": "prod", "snapshot": "s",\n "started_at": "yesterday",\n "ended_at": "2026-11-26T10:10:00",\n "duration_seconds": 60, "verified": true, "rows_verified": 3}', ":2: started_at: 'yesterday' is not an ISO 8601 time"),
        (EvidenceKind.restore_test, '{"environment": "prod", "started_at": "2026-11-26T10:00:00Z", "ended_at": "2026-11-26T10:01:00Z", "duration_seconds": 60, "verified": true, "checksum": "abc"}', "names neither the snapshot nor the point in time"),
        (EvidenceKind.alert_test, "environment: prod\nalarm: a\nfired_at: 2026-11-26T11:00:00Z\nreceived_at: 2026-11-26T10:00:00Z\nreceived_by: dana\nchannel: email\n", ":4: received_at: is before fired_at"),
        (EvidenceKind.alert_test, "environment: prod\nalarm: a\nfired_at: 2026-11-26T11:00:00Z\nreceived_at: 2026-11-26T11:01:00Z\nreceived_by: dana\nchannel: email\n", ":5: received_by: 'dana' is not an email address"),
        (EvidenceKind.access, "cloud_account:\n  - {name: A, email: a@example.com}\nrepository: []\nsecrets:\n  - someone\n", ":3: repository: is missing or empty"),
        (EvidenceKind.access, "cloud_account:\n  - {name: A, email: a@example.com, password: x}\nrepository: [{name: A, email: a@example.com}]\nsecrets: [{name: A, email: a@example.com}]\n", "'password' is not a key of this record"),
        (EvidenceKind.secrets, "secrets:\n  - {name: DB, stored_in: SSM, rotation: yearly}\n  - {name: DB, stored_in: SSM}\n", "rotation: is missing"),
        (EvidenceKind.secrets, "secrets:\n  - {name: DB, stored_in: SSM, rotation: yearly, value: x}\n", "'value' is not a key of this record"),
        (EvidenceKind.secrets, "- just a list\n", ":1: is not a mapping of keys to values"),
        (EvidenceKind.secrets, "secrets: [\n", "malformed YAML"),
    ],
)  # fmt: skip
def test_bad_records_name_the_line_and_what_to_do(
    tmp_path: Path, kind: EvidenceKind, text: str, expected: str
) -> None:
    path = tmp_path / "record.json"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        _facts(kind, path)
    message = caught.value.render()
    assert expected in message, message
    assert "fix:" in message and str(path) in message


def test_a_secret_value_anywhere_is_found_with_its_line() -> None:
    found = secret_values(read_evidence_file(EVIDENCE / "secrets-with-value.yaml", "secrets"))
    assert found is not None
    assert [p.line for p in found.problems] == [9, 11]
