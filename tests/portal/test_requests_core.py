"""Approvals signed elsewhere and pasted in, freezing in the store, and the downloads a
repository takes over: the portal's core, without the web layer."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from infragate.brief.model import Role
from infragate.errors import InputError, Refused, UsageError
from infragate.lifecycle import hosted, service
from infragate.lifecycle.states import State
from infragate.portal import downloads
from infragate.store.engine import Store, open_store
from tests.helpers import run_cli
from tests.lifecycle_helpers import ANN, BOB, CARA
from tests.portal.hosted_helpers import Hosted, sign_elsewhere
from tests.signing_keys import key_for, public_key

EITHER = {
    "owners": [
        {"name": "Ann Infra", "email": ANN, "roles": ["infra_owner", "budget_owner"]},
        {"name": "Bob Budget", "email": BOB, "roles": ["budget_owner"]},
    ]
}


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


@pytest.fixture
def project(sqlite_store: Store) -> Hosted:
    return Hosted(sqlite_store)


def take_over(store: Store, name: str, root: Path) -> Path:
    """A repository made from the project's downloads: infra/ with brief, signers, lock."""
    infra = root / "infra"
    infra.mkdir(parents=True)
    for item in (
        downloads.brief_file(store, name),
        downloads.signers_file(store, name),
        downloads.lock_file(store, name),
    ):
        (infra / item.filename).write_bytes(item.content)
    return root


def cli_env(root: Path, store: Store) -> dict[str, str]:
    return {"XDG_DATA_HOME": str(root / "data"), "INFRAGATE_DATABASE_URL": store.url}


def test_pasted_signatures_approve_freeze_and_the_downloads_verify(
    project: Hosted, tmp_path: Path
) -> None:
    p = project
    shown = p.statement(Role.infra_owner, ANN)
    assert shown.message.decode().splitlines()[2:4] == ["role: infra_owner", f"email: {ANN}"]
    first = p.approve(Role.infra_owner, ANN)
    assert first.state is State.designed and first.missing == [Role.budget_owner]
    assert first.design_sha256 == shown.design_sha256
    assert p.approve(Role.budget_owner, BOB).state is State.approved
    frozen = p.freeze()
    assert frozen.version == 1
    assert [a["email"] for a in frozen.document["approvals"]] == [ANN, BOB]
    # the trail says what the CLI's would: signed approvals bound to the design, a freeze
    ((_, events),) = service.trail(p.store, p.name)
    kinds = [e.kind for e in events]
    assert kinds.count("document.stored") == 2
    recorded = [e.payload for e in events if e.kind == "approval.recorded"]
    assert [(r["role"], r["signed"], r["design_sha256"]) for r in recorded] == [
        ("infra_owner", True, shown.design_sha256),
        ("budget_owner", True, shown.design_sha256),
    ]
    assert kinds[-2:] == ["baseline.frozen", "state.changed"]
    assert service.verify_store(p.store)[1] == []
    # a repository taking the downloads over: CI's offline verify, and against the store
    root = take_over(p.store, p.name, tmp_path / "repo")
    lock = json.loads((root / "infra" / "baseline.lock.json").read_text())
    assert lock["sha256"] == frozen.sha256
    done = run_cli("verify", cwd=root, env=cli_env(tmp_path, p.store))
    assert done.returncode == 0, done.stdout + done.stderr
    done = run_cli("verify", "--store", cwd=root, env=cli_env(tmp_path, p.store))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "froze this baseline (v1" in done.stdout
    # the portal's steps are in the CLI's trail, and the trail verifies
    log = run_cli("log", "--all", cwd=root, env=cli_env(tmp_path, p.store))
    assert log.returncode == 0 and "allowed_signers v1 stored in the store" in log.stdout
    assert "infra_owner Ann Infra <ann@example.com> approved" in log.stdout
    assert run_cli("verify", "--log", cwd=root, env=cli_env(tmp_path, p.store)).returncode == 0


def test_the_downloaded_lock_fails_verify_against_other_signers(
    project: Hosted, tmp_path: Path
) -> None:
    project.approve_all()
    project.freeze()
    root = take_over(project.store, project.name, tmp_path / "repo")
    signers = root / "infra" / "allowed_signers"
    signers.write_text(signers.read_text().replace(public_key(BOB), public_key(BOB, "other")))
    done = run_cli("verify", cwd=root, env=cli_env(tmp_path, project.store))
    assert done.returncode == 1
    assert "signatures" in done.stdout and BOB in done.stdout


def test_a_signature_by_another_key_is_refused(project: Hosted) -> None:
    p = project
    statement = p.statement(Role.infra_owner, ANN)
    by_bob = sign_elsewhere(statement, key_for(BOB))
    with pytest.raises(Refused, match=r"not ann@example.com's signature .*does not name for"):
        p.approve(Role.infra_owner, ANN, by_bob)
    unknown = sign_elsewhere(statement, key_for(ANN, "laptop"))
    with pytest.raises(Refused, match=r"signed by the key SHA256:"):
        p.approve(Role.infra_owner, ANN, unknown)
    with pytest.raises(UsageError, match=r"-----BEGIN SSH SIGNATURE-----"):
        p.approve(Role.infra_owner, ANN, "looks good to me")
    ((_, events),) = service.trail(p.store, p.name)
    assert "approval.recorded" not in [e.kind for e in events]


def test_a_signature_for_another_design_or_role_is_refused(project: Hosted) -> None:
    p = project
    before = p.statement(Role.infra_owner, ANN)
    signed = sign_elsewhere(before, key_for(ANN))
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    after = p.statement(Role.infra_owner, ANN)
    assert after.design_sha256 != before.design_sha256
    with pytest.raises(Refused, match=r"does not match what was approved"):
        p.approve(Role.infra_owner, ANN, signed)
    as_budget = sign_elsewhere(p.statement(Role.budget_owner, BOB), key_for(BOB))
    with pytest.raises(Refused, match=r"is not the brief's infra_owner"):
        p.approve(Role.infra_owner, BOB, as_budget)
    # signed for the budget role, offered for the infra role by an owner holding both
    q = Hosted(p.store, "production", EITHER | {"project": {"name": "either"}})
    for_budget = sign_elsewhere(q.statement(Role.budget_owner, ANN), key_for(ANN))
    with pytest.raises(Refused, match=r"does not match what was approved"):
        q.approve(Role.infra_owner, ANN, for_budget)


def test_separation_of_duties_holds_for_pasted_signatures(sqlite_store: Store) -> None:
    p = Hosted(sqlite_store, "production", EITHER)
    with pytest.raises(Refused, match=r"cara@example.com is not an owner named in the brief"):
        p.statement(Role.infra_owner, CARA)
    p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"must be a different person"):
        p.approve(Role.budget_owner, ANN)
    with pytest.raises(Refused, match=r"already approved as infra_owner"):
        p.approve(Role.infra_owner, ANN)
    with pytest.raises(Refused, match=r"is designed, not approved"):
        p.freeze()
    assert p.approve(Role.budget_owner, BOB).state is State.approved
    assert p.freeze().version == 1
    with pytest.raises(Refused, match=r"nothing to freeze: .* baseline v1"):
        p.freeze()


def test_a_change_is_approved_with_pasted_signatures_and_frozen_as_v2(project: Hosted) -> None:
    p = project
    p.approve_all()
    v1 = p.freeze()
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    proposal = p.propose(BOB, "bigger")
    with pytest.raises(Refused, match=r"requested this change and cannot approve it"):
        p.approve_change(Role.budget_owner, BOB)
    assert not p.approve_change(Role.infra_owner, ANN).approved
    # Ann also holds no budget role here: the change waits; a new proposal by Cara instead
    p.propose(CARA, "bigger, asked by the lead")
    p.approve_change(Role.infra_owner, ANN)
    assert p.approve_change(Role.budget_owner, BOB).approved
    v2 = p.freeze()
    assert (v2.version, v2.document["previous"]["sha256"]) == (2, v1.sha256)
    assert proposal.number == 1 and v2.document["change_request"]["number"] == 2
    lock = downloads.lock_file(p.store, p.name).content.decode()
    assert json.loads(lock)["sha256"] == v2.sha256
    assert json.loads(downloads.lock_file(p.store, p.name, 1).content)["sha256"] == v1.sha256


def test_the_zip_holds_what_render_writes(project: Hosted, tmp_path: Path) -> None:
    project.approve_all()
    project.freeze()
    today = project.clock().today
    zipped = downloads.render_zip(project.store, project.name, today)
    assert zipped.filename == f"{project.name}-v1-rendered.zip"
    assert downloads.render_zip(project.store, project.name, today).content == zipped.content
    root = take_over(project.store, project.name, tmp_path / "repo")
    taken = {str(f.relative_to(root)) for f in (root / "infra").iterdir()}
    done = run_cli("render", cwd=root, env=cli_env(tmp_path, project.store))
    assert done.returncode == 0, done.stdout + done.stderr
    written = {
        str(f.relative_to(root)): f
        for f in sorted(root.rglob("*"))
        if f.is_file() and str(f.relative_to(root)) not in taken
    }
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    entries = {i.filename: i for i in archive.infolist()}
    assert list(entries) == sorted(written) and len(entries) > 10
    for name, info in entries.items():
        assert archive.read(info) == written[name].read_bytes(), name
        assert info.date_time == downloads.ZIP_TIME
        mode = stat.S_IMODE(info.external_attr >> 16)
        assert mode == stat.S_IMODE(written[name].stat().st_mode) & 0o755, name


def test_render_is_refused_when_the_store_signers_no_longer_match(project: Hosted) -> None:
    project.approve_all()
    project.freeze()
    hosted.add_signer(
        project.store, project.name, BOB, public_key(BOB, "new"), project.clock()
    )  # a second key for Bob is fine: his first still verifies
    today = project.clock().today
    assert downloads.render_zip(project.store, project.name, today).content
    text = hosted.signers(project.store, project.name).text
    assert text is not None
    hosted.keep_signers(
        project.store,
        project.name,
        text.replace(public_key(ANN), public_key(ANN, "other")),
        project.clock(),
    )
    with pytest.raises(Refused, match=r"refusing to render .* signatures"):
        downloads.render_zip(project.store, project.name, today)


def test_stored_documents_are_checked_located_and_versioned(project: Hosted) -> None:
    p = project
    with pytest.raises(InputError) as bad_signers:
        hosted.keep_signers(
            p.store, p.name, f"{ANN} ssh-ed25519\n# fine\nnot-an-email x\n", p.clock()
        )
    assert [(q.line, q.message[:10]) for q in bad_signers.value.problems] == [
        (1, "no public "),
        (3, "'not-an-em"),
    ]
    with pytest.raises(InputError) as bad_brief:
        hosted.keep_brief(p.store, "version: 1\nproject: {name: x, colour: blue}\n", p.clock())
    assert any("colour" in q.message for q in bad_brief.value.problems)
    text = hosted.brief_text(p.store, p.name)
    with pytest.raises(Refused, match=r"a project keeps its name"):
        hosted.keep_brief(p.store, text, p.clock(), "another")
    again = hosted.keep_brief(p.store, text, p.clock(), p.name)
    assert again.version == 1  # unchanged: not stored twice
    p.edit_brief("peak_rps: 40", "peak_rps: 80")
    assert hosted.keep_brief(p.store, text, p.clock(), p.name).version == 3
    with pytest.raises(Refused, match=r"no brief in the store"):
        hosted.brief_text(p.store, "elsewhere")
