"""The live portal the browser test and the bench run: `infragate serve` with two workers on
SQLite and PostgreSQL, accounts made by `infragate users add`, a clean stop."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest

from tests.portal.helpers import PASSWORD
from tests.portal.live import running_portal, survivors


def test_the_portal_serves_two_workers_and_stops_cleanly(store_url: str, tmp_path: Path) -> None:
    with running_portal(store_url, tmp_path, workers=2) as portal:
        portal.add_user("ann@example.com", "Ann Infra")
        listed = portal.cli("users", "list", "--format", "json")
        assert [u["email"] for u in json.loads(listed.stdout)] == ["ann@example.com"]
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        html = opener.open(f"{portal.url}/login").read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token
        form = {"email": "ann@example.com", "password": PASSWORD, "csrf_token": token.group(1)}
        opener.open(f"{portal.url}/login", urllib.parse.urlencode(form).encode()).read()
        # several requests, so both workers are likely to answer one: the session holds
        for _ in range(10):
            me = json.loads(opener.open(f"{portal.url}/api/me").read())
            assert me["email"] == "ann@example.com"
        pid, url = portal.pid, portal.url
        assert len(survivors(pid)) >= 3  # uvicorn and its two workers, seen while they run
    assert survivors(pid) == [], "uvicorn or one of its workers outlived the block"
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/healthz", timeout=2)
    assert "Traceback" not in portal.server_log()


def test_a_portal_that_cannot_start_says_why(tmp_path: Path) -> None:
    with (
        pytest.raises(RuntimeError, match="did not answer") as failed,
        running_portal("nosuchdb://nowhere", tmp_path),
    ):
        pass
    assert "nosuchdb" in str(failed.value)  # the server's own output is in the message
