"""The closure's documents: handover (write the pack) and verify --handover (check it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from infragate.cli.common import TextOrJson, as_json, clock_for, emit, make_console

LOCK_DEFAULT = Path("infra/baseline.lock.json")
PACK_DEFAULT = Path("infra/handover")


def handover(
    format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="html, markdown or json; repeat for several (default: all three).",
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Directory of the pack.")
    ] = PACK_DEFAULT,
    lock: Annotated[Path, typer.Option("--lock", help="The baseline lock file.")] = LOCK_DEFAULT,
    actor: Annotated[
        str | None, typer.Option("--as", help="Who generates it (recorded in the trail).")
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Replace files of the pack that were edited by hand.")
    ] = False,
) -> None:
    """Write the handover pack of the frozen baseline: from the lock, the trail and the evidence."""
    from infragate.errors import UsageError
    from infragate.handover.diagram import dot_program
    from infragate.handover.pack import PackFormat
    from infragate.handover.service import generate
    from infragate.store.engine import open_store
    from infragate.yamldoc import read_text

    known = {f.value: f for f in PackFormat}
    wrong = [f for f in format or () if f not in known]
    if wrong:
        raise UsageError(
            f"--format {', '.join(wrong)}: not a pack format; use html, markdown or json"
        )
    formats = [known[f] for f in format] if format else list(PackFormat)
    text = read_text(
        lock,
        what="a baseline lock file",
        create_hint="run 'infragate freeze' to write it",
        max_bytes=50_000_000,
    )
    written = generate(
        open_store(), lock, text, output, formats, clock_for(actor), force, dot_program()
    )
    console = make_console()
    console.print(
        f"wrote the handover pack of {written.project} baseline v{written.version} to "
        f"{written.directory} ({len(written.files)} files, manifest sha256 "
        f"{written.manifest_sha256[:12]})"
    )
    if not written.diagrams_rendered:
        console.print(
            "Graphviz ('dot') is not installed: the diagrams are embedded as their DOT source"
        )
    for path in written.removed:
        console.print(f"removed {path}: no longer part of the pack")
    if written.recorded:
        console.print("recorded in the trail: handover.generated")


def verify_pack(directory: Path, format: TextOrJson) -> None:
    """`infragate verify --handover DIR`: every file of the pack against its manifest."""
    from infragate.handover.disk import verify

    result = verify(directory)
    if format is TextOrJson.json:
        emit(
            as_json(
                {
                    "directory": result.directory,
                    "files_checked": result.checked,
                    "ok": result.ok,
                    "edited": list(result.edited),
                    "missing": list(result.missing),
                    "added": list(result.added),
                }
            ),
            None,
        )
    else:
        console = make_console()
        for problem in result.problems():
            console.print(f"[bold red]FAIL[/] {directory / problem}")
        if result.ok:
            console.print(
                f"[green]verified[/]: the {result.checked} files of {directory} match its manifest"
            )
    if not result.ok:
        raise typer.Exit(1)
