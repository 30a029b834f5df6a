"""``kg demo``: the main job on the bundled sample corpus, end to end."""

from __future__ import annotations

import typer

from kg.cli.options import GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit


def demo_command(store: StoreOpt = None, graph: GraphOpt = None) -> None:
    """Build the graph from the bundled sample corpus and print what it found."""
    from kg.build import ingest
    from kg.cli.ingest_cmd import print_report
    from kg.cli.progress import Progress
    from kg.read import list_papers
    from kg.sample import sample_paths

    paths = sample_paths()
    with opened_store(store, graph, create=True) as opened:
        typer.echo(f"Ingesting {len(paths)} sample pages into {opened}")
        report = ingest(opened, paths, on_progress=Progress("extracting"))
        print_report(report.as_dict(), OutputFormat.TABLE)
        typer.echo("\nNewest papers with code:")
        newest = list_papers(opened, has_code=True, limit=5)
    emit(newest, OutputFormat.TABLE, ["id", "published", "title", "links"])


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
