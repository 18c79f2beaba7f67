"""Golden files: every rendered file of every example baseline, byte for byte.

Regenerate after a deliberate template change, then review the diff:
    .venv/bin/pytest tests/render/test_render_golden.py --update-golden
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.render_helpers import EXAMPLES, freeze_example, rendered

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "render"


@pytest.mark.parametrize("example", EXAMPLES)
def test_rendered_files_match_the_golden_files(
    example: str, tmp_path: Path, update_golden: bool
) -> None:
    files = rendered(freeze_example(example, tmp_path / example))
    folder = GOLDEN / example
    if update_golden:
        shutil.rmtree(folder, ignore_errors=True)
        for path, text in files.items():
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    assert folder.is_dir(), f"no golden files for {example}; run with --update-golden"
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert on_disk == sorted(files), "files rendered differ from the golden set"
    for path, text in files.items():
        assert (folder / path).read_text() == text, f"{example}/{path} differs from its golden file"
