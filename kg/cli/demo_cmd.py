"""``kg demo``: the main job on the bundled sample corpus, end to end."""

from __future__ import annotations

import typer

from kg.cli.options import GraphOpt
from kg.cli.output import OutputFormat, emit


def demo_command(graph: GraphOpt = None) -> None:
    """Build the graph from the bundled sample corpus and print what it found."""
    from kg.build import ingest
    from kg.cli.ingest_cmd import print_report
    from kg.cli.progress import Progress
    from kg.read import list_papers
    from kg.sample import sample_paths
    from kg.store import open_store

    store = open_store(graph)
    paths = sample_paths()
    typer.echo(f"Ingesting {len(paths)} sample pages into {getattr(store, 'path', 'the store')}")
    report = ingest(store, paths, on_progress=Progress("extracting"))
    print_report(report.as_dict(), OutputFormat.TABLE)
    typer.echo("\nNewest papers with code:")
    emit(
        list_papers(store, has_code=True, limit=5), OutputFormat.TABLE, ["id", "published", "title", "links"]
    )


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
