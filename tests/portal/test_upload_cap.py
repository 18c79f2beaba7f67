"""The cap on a request's body (portal/upload_cap.py), in the app: an upload over it is
refused with 413 (a page for a browser, JSON under /api) naming the limit and the setting
that raises it, whether its Content-Length says so or a chunked body grows past it;
nothing of it is recorded. The setting, its default and its bad values. The same over a
real socket, through `infragate serve`: test_upload_cap_live.py."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from infragate.errors import UsageError
from infragate.evidence.model import EvidenceKind
from infragate.evidence.reading import MAX_BYTES as EVIDENCE_BYTES
from infragate.lifecycle import service
from infragate.portal.app import create_app
from infragate.portal.security.accounts import create_token
from infragate.portal.settings import (
    DEFAULT_MAX_UPLOAD_MB,
    ENV_MAX_UPLOAD,
    MB,
    Settings,
    load_settings,
    max_upload_bytes,
)
from infragate.store.engine import Store
from infragate.yamldoc import MAX_BYTES as BRIEF_BYTES
from tests.helpers import ROOT, run_cli
from tests.lifecycle_helpers import ANN
from tests.portal.helpers import AT, SECRET, csrf_of, sign_in
from tests.portal.hosted_helpers import Hosted
from tests.portal.test_closure_pages import evidence_bytes, frozen, sqlite_store

__all__ = ["frozen", "sqlite_store"]  # the fixtures, shared with the closure pages' tests
LIMIT = 100_000  # 0.1 MB: small, so the tests send little
SAID = (
    "the portal's limit of 0.1 MB a request: send a smaller file, or have the portal's "
    f"administrator raise {ENV_MAX_UPLOAD}"
)


def capped(store: Store) -> TestClient:
    settings = Settings(store_url=store.url, secret=SECRET, max_upload_bytes=LIMIT)
    return TestClient(create_app(settings, store), base_url="http://127.0.0.1")


@pytest.fixture
def browser(frozen: Hosted) -> TestClient:
    return sign_in(capped(frozen.store), ANN)


@pytest.fixture
def api(frozen: Hosted) -> TestClient:
    client = capped(frozen.store)
    client.headers["Authorization"] = f"Bearer {create_token(frozen.store, ANN, 'ci', AT)}"
    return client


def chunks(size: int, piece: int = 16_384) -> Iterator[bytes]:
    """A body of `size` bytes sent chunked: no Content-Length, as a stream is sent."""
    sent = 0
    while sent < size:
        yield b"x" * min(piece, size - sent)
        sent += piece


def kinds(project: Hosted) -> list[str]:
    ((_, events),) = service.trail(project.store, project.name)
    return [e.kind for e in events]


def test_an_upload_over_the_cap_is_a_page_for_a_browser(
    frozen: Hosted, browser: TestClient
) -> None:
    before = kinds(frozen)
    token = csrf_of(browser, f"/projects/{frozen.name}")
    refused = browser.post(
        f"/projects/{frozen.name}/evidence",
        data={"kind": "deploy", "csrf_token": token},
        files={"file": ("deploy.json", b"{}" + b" " * LIMIT, "application/json")},
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"].startswith("text/html")
    assert refused.headers["content-security-policy"].startswith("default-src 'self'")
    text = html.unescape(refused.text)
    assert "<h1>Too large</h1>" in text and "the request is 0.1 MB, over " + SAID in text
    streamed = browser.post(
        f"/projects/{frozen.name}/close",
        content=chunks(LIMIT + 1),
        headers={"content-type": "multipart/form-data; boundary=x", "X-CSRF-Token": token},
    )
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413
    assert "the request grew past " + SAID in html.unescape(streamed.text)
    assert kinds(frozen) == before


def test_an_upload_over_the_cap_is_json_under_the_api(frozen: Hosted, api: TestClient) -> None:
    before = kinds(frozen)
    declared = api.post(
        f"/api/projects/{frozen.name}/drift",
        files={"tfstate": ("prod.tfstate", b"{}" + b" " * 250_000)},
    )
    assert declared.status_code == 413
    assert declared.json() == {"detail": "the request is 0.3 MB, over " + SAID}
    streamed = api.post(
        f"/api/projects/{frozen.name}/close",
        content=chunks(3 * LIMIT),
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert streamed.status_code == 413
    assert streamed.json() == {"detail": "the request grew past " + SAID}
    # just under the cap, the same door takes a file as before
    filename, content = evidence_bytes(EvidenceKind.deploy, frozen.name)
    assert len(content) < LIMIT
    done = api.post(
        f"/api/projects/{frozen.name}/evidence",
        data={"kind": "deploy"},
        files={"file": (filename, content, "application/json")},
    )
    assert done.status_code == 201, done.text
    assert "evidence.added" in kinds(frozen)[len(before) :]


def test_the_default_takes_every_file_the_core_takes_from_the_portal() -> None:
    default = max_upload_bytes(None)
    assert default == DEFAULT_MAX_UPLOAD_MB * MB == Settings("sqlite://", "s").max_upload_bytes
    # an evidence record, a brief, and a state of one baseline ("well under 10 MB",
    # render/tfstate.py), each with room for the form around it
    assert default > max(EVIDENCE_BYTES, BRIEF_BYTES, 10 * MB) + 100_000
    documented = (ROOT / "docs" / "portal.md").read_text()
    assert f"(default {DEFAULT_MAX_UPLOAD_MB})" in documented
    assert f"capped at {DEFAULT_MAX_UPLOAD_MB} MB" in documented


@pytest.mark.parametrize("given", ["0", "-3", "1.5", "lots", "16MB"])
def test_a_wrong_setting_is_refused_naming_it(given: str) -> None:
    with pytest.raises(UsageError, match=f"{ENV_MAX_UPLOAD}: '{given}' is not a whole number"):
        max_upload_bytes(given)


def test_the_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFRAGATE_PORTAL_SECRET", SECRET)
    monkeypatch.setenv(ENV_MAX_UPLOAD, " 40 ")
    assert load_settings("sqlite://").max_upload_bytes == 40_000_000
    monkeypatch.setenv(ENV_MAX_UPLOAD, "")
    assert load_settings("sqlite://").max_upload_bytes == DEFAULT_MAX_UPLOAD_MB * MB


def test_serve_refuses_a_wrong_setting_before_it_starts(tmp_path: Path) -> None:
    env = {"INFRAGATE_PORTAL_SECRET": SECRET, "INFRAGATE_DATABASE_URL": "sqlite://"}
    done = run_cli("serve", "--port", "1", env={**env, ENV_MAX_UPLOAD: "lots"}, cwd=tmp_path)
    assert done.returncode == 2
    assert f"{ENV_MAX_UPLOAD}: 'lots' is not a whole number" in done.stdout + done.stderr
    done = run_cli("serve", "--port", "1", "--max-upload-mb", "0", env=env, cwd=tmp_path)
    assert done.returncode == 2 and "--max-upload-mb" in done.stdout + done.stderr
