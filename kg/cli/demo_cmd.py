"""``kg demo``: the main job on the bundled sample corpus, end to end."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit

DEFAULT_VIEW = Path("kg-data/demo-view.html")


def demo_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the HTML view.")
    ] = DEFAULT_VIEW,
    store: StoreOpt = None,
    graph: GraphOpt = None,
) -> None:
    """Build the graph from the bundled sample corpus, print what it found, list the papers
    sharing methods with one sample paper and write an interactive view around it."""
    from kg.cli.ingest_cmd import print_report
    from kg.cli.progress import Progress
    from kg.demo import run_demo
    from kg.sample import sample_paths

    with opened_store(store, graph, create=True) as opened:
        typer.echo(f"Ingesting {len(sample_paths())} sample pages into {opened}")
        result = run_demo(opened, output, on_progress=Progress("extracting"))
    print_report(result.report.as_dict(), OutputFormat.TABLE)
    typer.echo(f"\nPapers sharing methods with {result.paper!r} (kg shared-methods):")
    emit(result.shared, OutputFormat.TABLE, ["paper", "date", "shared", "title", "methods"])
    typer.echo(
        f"\nView: {result.view_path} ({result.view_nodes:,} nodes, {result.view_edges:,} edges); "
        "open it in any browser, it works offline."
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
