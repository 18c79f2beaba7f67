"""What a project page's closure checklist costs (the page loads it through htmx on every
view): 7 GETs of /projects/{project}/closure on a frozen project the store keeps, through
FastAPI's TestClient on a fresh SQLite store. Prints the first and the median.

    .venv/bin/python bench/closure_checklist.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.portal.*
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp()  # never the user's own store

from tests.lifecycle_helpers import ANN
from tests.portal.helpers import account, client_for, sign_in
from tests.portal.hosted_helpers import Hosted

from infragate.store.engine import open_store


def main() -> None:
    store = open_store(f"sqlite:///{tempfile.mkdtemp()}/store.db")
    project = Hosted(store)
    project.approve_all()
    project.freeze()
    account(store, ANN)
    client = sign_in(client_for(store), ANN)
    seconds = []
    for _ in range(7):
        started = time.perf_counter()
        answer = client.get(f"/projects/{project.name}/closure", headers={"HX-Request": "true"})
        seconds.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.text
    print(f"closure checklist: first {seconds[0] * 1000:.1f} ms, ", end="")
    print(f"median of 7 {statistics.median(seconds) * 1000:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
