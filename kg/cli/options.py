"""Options shared by several commands, and the store they name."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.output import OutputFormat

if TYPE_CHECKING:
    from kg.store.base import GraphStore

STORE_HELP = (
    "Where the graph lives: nx:PATH (embedded, one JSON file) or a Neo4j URI (bolt://host:port, "
    "neo4j://host:port, neo4j+s://host). Neo4j credentials and database come from KG_NEO4J_USER, "
    "KG_NEO4J_PASSWORD, KG_NEO4J_DATABASE. [env: KG_STORE; default: nx:./kg-data/graph.json]"
)

StoreOpt = Annotated[str | None, typer.Option("--store", help=STORE_HELP, show_default=False)]
GraphOpt = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        help="Graph file of the embedded store: the same as --store nx:PATH. [env: KG_GRAPH]",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]


def store_spec(store: str | None, graph: Path | None) -> str | None:
    """The spec ``--store`` or its alias ``--graph`` gives (None: the environment decides)."""
    from kg.errors import StoreError

    if store is not None and graph is not None:
        raise StoreError("give --store or --graph, not both")
    return f"nx:{graph}" if graph is not None else store


@contextmanager
def opened_store(store: str | None, graph: Path | None, *, create: bool) -> Iterator[GraphStore]:
    """The store the options name, closed afterwards.

    The Neo4j driver logs retries of transient errors as warnings: the command line keeps them
    off stderr, whose one line is the error if the operation fails after all.
    """
    import logging

    from kg.store import open_store

    driver_log = logging.getLogger("neo4j")
    if not driver_log.handlers:
        driver_log.addHandler(logging.NullHandler())
    opened = open_store(store_spec(store, graph), create=create)
    try:
        yield opened
    finally:
        opened.close()
