"""The README stays short and points at docs/; every link between them resolves; the
policy documentation names every example policy."""

from __future__ import annotations

import re

from tests.helpers import ROOT

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_quickstart_is_two_commands() -> None:
    text = README.read_text()
    quickstart = text.split("## Quickstart\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", quickstart, re.S)
    assert [line.split("#")[0].strip() for line in block.splitlines()] == [
        "make demo",
        "make test",
    ]


def test_readme_is_short_and_links_every_doc() -> None:
    text = README.read_text()
    assert len(text.splitlines()) <= 100
    for doc in DOCS:
        assert f"](docs/{doc.name})" in text, doc.name


def test_every_relative_link_resolves() -> None:
    for page in [README, *DOCS]:
        for target in LINK.findall(page.read_text()):
            if "://" in target:
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target}"


def test_policy_doc_names_every_policy_and_package() -> None:
    text = (ROOT / "docs" / "policy.md").read_text()
    for rego in sorted((ROOT / "policies").rglob("*.rego")):
        package = re.search(r"^package (\S+)$", rego.read_text(), re.M)
        assert package is not None, rego
        assert f"`{rego.relative_to(ROOT)}`" in text and f"`{package[1]}`" in text
