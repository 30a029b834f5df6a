"""Query commands: ``kg query list|show|run``, ``kg cypher`` and the shortcuts ``kg shared-methods``
and ``kg method`` (thin layers over :mod:`kg.query.named` and :mod:`kg.query.shortcuts`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from kg.cli.help import CONTEXT_SETTINGS, SummaryGroup
from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit
from kg.store.limits import DEFAULT_TIMEOUT

ParamsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="A parameter: -p key=value (a string, coerced to the declared type), or -p key:=JSON "
        "(a JSON value: number, list, …). Repeat for several. Values travel as Cypher parameters.",
        show_default=False,
    ),
]


TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.001,
        help="Seconds the query may run; past them it is stopped with an error.",
    ),
]


class Dialect(StrEnum):
    """The Cypher dialects a query file may have sections for."""

    NEO4J = "neo4j"
    EMBEDDED = "embedded"


query_app = typer.Typer(
    cls=SummaryGroup,
    help="Named Cypher queries (queries/*.cypher): list them, show one, run one on a store.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)


@query_app.command("list")
def list_command(output: FormatOpt = OutputFormat.TABLE) -> None:
    """The named queries: name, title and parameters."""
    from kg.query.named import list_queries

    queries = list_queries()
    rows = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": ", ".join(
                p.name if p.required else f"[{p.name}]" if p.default is None else f"[{p.name}={p.default}]"
                for p in q.params
            ),
            "read_only": "yes" if q.read_only else "no",
        }
        for q in queries
    ]
    emit(rows, output, ["name", "title", "parameters"], document=[q.describe() for q in queries])


@query_app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="A query name (see kg query list).", show_default=False)],
    dialect: Annotated[
        Dialect | None,
        typer.Option(
            "--dialect",
            help="Print only the statement this dialect runs (neo4j: Neo4j; embedded: the embedded store).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """A named query's file (header and statement), or with --dialect the statement one store runs."""
    from kg.query.named import get_query

    query = get_query(name)
    if dialect is not None and output is OutputFormat.TABLE:
        typer.echo(query.cypher(dialect.value))
    elif output is OutputFormat.TABLE:
        typer.echo(query.source.rstrip("\n"))
    else:
        rows = [{"name": query.name, **p.describe()} for p in query.params]
        emit(rows, output, ["name", "type", "required", "default", "description"], document=query.describe())


@query_app.command("run")
def run_command(
    name: Annotated[str, typer.Argument(help="A query name (see kg query list).", show_default=False)],
    params: ParamsOpt = None,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
) -> None:
    """Run a named query: kg query run shared-methods -p paper="MiniPLM: …" -p k=1."""
    from kg.query.named import get_query, run_named_query
    from kg.query.params import parse_assignments

    query = get_query(name)
    given = parse_assignments(params or [])
    with opened_store(store, graph, create=False) as opened:
        rows = run_named_query(opened, query.name, given, timeout=timeout)
    emit(rows, output, query.columns)


def cypher_command(
    statement: Annotated[str, typer.Argument(help="A Cypher statement.", show_default=False)],
    params: ParamsOpt = None,
    write: Annotated[
        bool,
        typer.Option("--write", help="Allow a statement that writes (CREATE, MERGE, SET, DELETE, …)."),
    ] = False,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
    timeout: TimeoutOpt = DEFAULT_TIMEOUT,
) -> None:
    """Run a Cypher statement on the store, read-only unless --write (the store's own dialect:
    Neo4j's, or the embedded engine's; the embedded store is read-only even with --write)."""
    from kg.query.cypher_guard import run_checked
    from kg.query.named import return_columns
    from kg.query.params import parse_assignments

    given = parse_assignments(params or [])
    with opened_store(store, graph, create=False) as opened:
        rows = run_checked(opened, statement, given, write=write, timeout=timeout)
    emit(rows, output, list(rows[0]) if rows else return_columns(statement))


def shared_methods_command(
    paper: Annotated[
        str, typer.Argument(help="A paper id, an arXiv id or an exact title.", show_default=False)
    ],
    k: Annotated[
        int, typer.Option("-k", "--min-shared", min=1, help="At least this many shared methods.")
    ] = 1,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most N papers.")] = 20,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Papers sharing methods with a paper, the most shared first (the shared-methods query)."""
    from kg.query.shortcuts import shared_methods

    with opened_store(store, graph, create=False) as opened:
        rows = shared_methods(opened, paper, k=k, limit=limit)
    emit(rows, output, ["paper", "date", "shared", "title", "methods"])


def method_command(
    name: Annotated[
        str,
        typer.Argument(help="A method's canonical name or any alias (case-insensitive).", show_default=False),
    ],
    store: StoreOpt = None,
    graph: GraphOpt = None,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Who proposed a method, who uses it and with which datasets and tasks, and what it is used with.

    --format json gives all of it in one document; jsonl and csv give one row a paper.
    """
    from kg.query.shortcuts import method_report

    with opened_store(store, graph, create=False) as opened:
        report = method_report(opened, name)
    papers: list[dict[str, Any]] = report["proposed_by"] + report["used_by"]
    columns = ["date", "paper", "role", "title", "datasets", "tasks", "evidence"]
    if output is not OutputFormat.TABLE:
        emit(papers, output, columns, document=report)
        return
    method = report["method"]
    typer.echo(f"method   {method['name']} ({method['id']})")
    if method["aliases"]:
        typer.echo(f"aliases  {'; '.join(method['aliases'])}")
    for heading, rows, cols in (
        ("proposed by", report["proposed_by"], ["date", "paper", "title", "evidence"]),
        ("used by", report["used_by"], ["date", "paper", "title", "datasets", "tasks"]),
        ("used with", report["used_with"], ["method", "papers"]),
    ):
        typer.echo(f"\n{heading} ({len(rows)})")
        if rows:
            emit(rows, output, cols)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
    app.command("cypher")(cypher_command)
    app.command("shared-methods")(shared_methods_command)
    app.command("method")(method_command)
