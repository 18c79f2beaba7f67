"""Every bundled example, frozen by the real lifecycle with no evidence yet, gives a
complete pack: every numbered section says something (what is absent says why), every
internal link of the HTML and the Markdown lands on an anchor, and nothing in the HTML
points outside the file."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from infragate.handover.pack import PackFormat
from infragate.handover.service import generate
from infragate.lifecycle.clock import Clock
from infragate.store.engine import open_store
from tests.handover.helpers import html_sections, markdown_sections
from tests.handover.test_pack import SECTIONS
from tests.render_helpers import EXAMPLES, FROZEN_AT, freeze_example


@pytest.fixture(scope="module", params=EXAMPLES)
def example_pack(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    name = request.param
    root = tmp_path_factory.mktemp(name)
    lock = freeze_example(name, root)
    store = open_store(f"sqlite:///{root / '.store' / 'infragate.db'}")
    try:
        clock = Clock(FROZEN_AT + timedelta(days=1), "someone@example.com")
        generate(
            store,
            lock,
            lock.read_text(),
            root / "pack",
            list(PackFormat),
            clock,
            dot="/usr/bin/dot",
        )
    finally:
        store.close()
    return name, root / "pack"


def test_every_section_has_something_to_say(example_pack: tuple[str, Path]) -> None:
    name, pack = example_pack
    for sections in (
        html_sections((pack / "handover.html").read_text()),
        markdown_sections((pack / "handover.md").read_text()),
    ):
        for anchor in SECTIONS:
            body = sections[anchor]
            assert len(body) > 60, f"{name}: section #{anchor} is nearly empty: {body!r}"
        assert (
            "Restore tested: never" in sections["backup"]
            or "no managed database" in sections["backup"]
        )


def test_internal_links_land_and_nothing_points_outside(example_pack: tuple[str, Path]) -> None:
    name, pack = example_pack
    html = (pack / "handover.html").read_text()
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    hrefs = re.findall(r'\shref="([^"]*)"', html)
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs), name
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", html)
    assert not re.search(r'\s(src|href|xlink:href)="(https?:)?//', html)
    md = (pack / "handover.md").read_text()
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    targets = re.findall(r"\]\(#([^)]+)\)", md)
    assert targets and set(targets) <= anchors, set(targets) - anchors
    assert len(list((pack / "docs" / "adr").iterdir())) >= 1
