"""``kg sync``: copy a graph from one store into another (an embedded graph into Neo4j, say)."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.options import STORE_HELP, FormatOpt
from kg.cli.output import OutputFormat, emit


def sync_command(
    source: Annotated[
        str, typer.Option("--from", help=f"The store to copy. {STORE_HELP}", show_default=False)
    ],
    target: Annotated[
        str, typer.Option("--to", help="The store to copy into (same forms).", show_default=False)
    ],
    clear: Annotated[bool, typer.Option("--clear", help="Empty the target first.")] = False,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Copy every node and edge of one store into another (upserts: re-running is safe)."""
    from kg.cli.options import opened_store
    from kg.cli.progress import Progress
    from kg.store import write_lock
    from kg.store.copy import copy_graph

    def tell(message: str) -> None:
        typer.echo(f"kg: {message}", err=True)

    with (
        write_lock(target, what="kg sync", on_wait=tell),
        opened_store(source, None, create=False) as src,
        opened_store(target, None, create=True) as dst,
    ):
        copied = copy_graph(src, dst, clear=clear, on_progress=Progress("copying", "rows"))
        after = dst.stats()
    rows = [
        {"kind": "node", "type": k, "copied": v, "total": after.nodes[k]} for k, v in copied.nodes.items()
    ]
    rows += [
        {"kind": "edge", "type": k, "copied": v, "total": after.edges[k]} for k, v in copied.edges.items()
    ]
    emit(
        rows,
        output,
        ["kind", "type", "copied", "total"],
        document={"copied": copied.as_dict(), "total": after.as_dict()},
    )


def register(app: typer.Typer) -> None:
    app.command("sync")(sync_command)
