"""The cap on a request's body over a real socket: `infragate serve` on 127.0.0.1 with
INFRAGATE_PORTAL_MAX_UPLOAD_MB=1. A declared body over it is refused before a byte of it
is read (a client that asks `Expect: 100-continue` is answered 413 and never asked for
it); a chunked body that grows past it, and a whole over-large body sent as a browser
sends one, get the 413 with its message rather than a broken connection; a file under
it is taken as before."""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from infragate.evidence.model import EvidenceKind
from infragate.lifecycle import service
from infragate.portal.security.accounts import create_token
from infragate.portal.settings import ENV_MAX_UPLOAD
from infragate.store.engine import Store, open_store
from tests.lifecycle_helpers import ANN, BOB
from tests.portal.helpers import AT, account
from tests.portal.hosted_helpers import Hosted
from tests.portal.live import LivePortal, running_portal
from tests.portal.test_closure_pages import evidence_bytes

SAID = (
    "the portal's limit of 1 MB a request: send a smaller file, or have the portal's "
    f"administrator raise {ENV_MAX_UPLOAD}"
)
BOUNDARY = "infragate-test-boundary"


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[LivePortal, Hosted, str]]:
    """The portal, a frozen project kept in its store, and an API token of its infra owner."""
    store: Store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    for email in (ANN, BOB):
        account(store, email)
    project = Hosted(store)
    project.approve_all()
    project.freeze()
    token = create_token(store, ANN, "ci", AT)
    try:
        with running_portal(store.url, tmp_path, extra_env={ENV_MAX_UPLOAD: "1"}) as portal:
            yield portal, project, token
    finally:
        store.close()


def connection(portal: LivePortal) -> http.client.HTTPConnection:
    host, port = portal.url.removeprefix("http://").split(":")
    return http.client.HTTPConnection(host, int(port), timeout=30)


def multipart(name: str, filename: str, content: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/json\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def headers(token: str, **more: str) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        **more,
    }


def trail(project: Hosted) -> list[str]:
    ((_, events),) = service.trail(project.store, project.name)
    return [e.kind for e in events]


def test_a_declared_body_over_the_cap_is_refused_before_it_is_read(
    live: tuple[LivePortal, Hosted, str],
) -> None:
    portal, project, token = live
    host, port = portal.url.removeprefix("http://").split(":")
    request = (
        f"POST /api/projects/{project.name}/evidence HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers(token).items())
        + "Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n"
    )
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request.encode())  # the headers only: not a byte of the 50 MB
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            got = sock.recv(65536)
            if not got:
                break
            answer += got
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"100 Continue" not in answer  # the body was never asked for
    assert json.loads(body)["detail"] == "the request is 50 MB, over " + SAID


def test_a_chunked_body_that_grows_past_the_cap_is_answered_413(
    live: tuple[LivePortal, Hosted, str],
) -> None:
    portal, project, token = live
    before = trail(project)

    def stream() -> Iterator[bytes]:
        yield f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="tfstate"; '.encode()
        yield b'filename="prod.tfstate"\r\n\r\n{"version": 4, "padding": "'
        for _ in range(40):  # 40 x 64 kB: 2.6 MB, past the 1 MB cap
            yield b"x" * 65_536

    conn = connection(portal)
    conn.request(
        "POST",
        f"/api/projects/{project.name}/close",
        body=stream(),
        headers=headers(token, **{"Transfer-Encoding": "chunked"}),
        encode_chunked=True,
    )
    answer = conn.getresponse()
    assert answer.status == 413
    assert json.loads(answer.read())["detail"] == "the request grew past " + SAID
    conn.close()
    assert trail(project) == before


def test_a_whole_body_over_the_cap_still_gets_its_answer(
    live: tuple[LivePortal, Hosted, str],
) -> None:
    """As a browser sends a form: the whole body, then it reads the answer. The server
    reads what follows the refusal and drops it, so the 413 arrives intact."""
    portal, project, token = live
    body = multipart("file", "deploy.json", b'{"a": "' + b"x" * 1_500_000 + b'"}')
    conn = connection(portal)
    conn.request(
        "POST",
        f"/api/projects/{project.name}/evidence?kind=deploy",
        body=body,
        headers=headers(token),
    )
    answer = conn.getresponse()
    assert answer.status == 413
    assert json.loads(answer.read())["detail"] == "the request is 1.5 MB, over " + SAID
    conn.close()
    # under the cap, through the same server: the evidence is recorded
    filename, content = evidence_bytes(EvidenceKind.deploy, project.name)
    done = httpx2.post(
        f"{portal.url}/api/projects/{project.name}/evidence",
        headers={"Authorization": f"Bearer {token}"},
        data={"kind": "deploy"},
        files={"file": (filename, content, "application/json")},
        timeout=30,
    )
    assert done.status_code == 201, done.text
    assert "evidence.added" in trail(project)
    assert "Traceback" not in portal.server_log()
