"""``kg entity NAME`` and its typed forms ``kg dataset``, ``kg task``, ``kg model`` (thin layers
over :func:`kg.query.entity.entity_report`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from kg.cli.options import FormatOpt, GraphOpt, StoreOpt, opened_store
from kg.cli.output import OutputFormat, emit

NameArg = Annotated[
    str,
    typer.Argument(help="Its canonical name, any alias (case-insensitive) or its id.", show_default=False),
]
CooccurOpt = Annotated[
    int,
    typer.Option(
        "--with", "-w", min=0, metavar="N", help="List the N entities of each type it most appears with."
    ),
]


def _print_report(report: dict[str, Any], output: OutputFormat) -> None:
    papers = report["proposed_by"] + report["papers"]
    columns = ["date", "paper", "relation", "role", "via", "title", "evidence"]
    if output is not OutputFormat.TABLE:
        emit(papers, output, columns, document=report)
        return
    entity = report["entity"]
    typer.echo(f"{entity['type'].lower():<8} {entity['name']} ({entity['id']})")
    if entity["aliases"]:
        typer.echo(f"aliases  {'; '.join(entity['aliases'])}")
    span = f" ({entity['first']} to {entity['last']})" if entity["first"] else ""
    typer.echo(f"papers   {entity['papers']}{span}")
    via = any(r["via"] for r in papers)
    listed = ["date", "paper", "title", *(["via"] if via else []), "evidence"]
    for heading, rows, cols in (
        ("proposed by", report["proposed_by"], listed),
        (
            "used by",
            report["papers"],
            ["date", "paper", "relation", "title", *(["via"] if via else []), "evidence"],
        ),
        ("appears with", report["cooccurring"], ["type", "name", "papers"]),
    ):
        typer.echo(f"\n{heading} ({len(rows)})")
        if rows:
            emit(rows, output, cols)


def _command(kind: str | None) -> Callable[..., None]:
    def command(
        name: NameArg,
        store: StoreOpt = None,
        graph: GraphOpt = None,
        cooccurring: CooccurOpt = 5,
        output: FormatOpt = OutputFormat.TABLE,
    ) -> None:
        from kg.query.entity import entity_report

        with opened_store(store, graph, create=False) as opened:
            report = entity_report(opened, name, kind=kind, cooccurring=cooccurring)
        _print_report(report, output)

    command.__doc__ = (
        f"Who proposed a {kind}, the papers that use it, with evidence, and what it appears with."
    )
    return command


def entity_command(
    name: NameArg,
    kind: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help="Only an entity of this type: method, dataset, task, model, family, metric or repo.",
            show_default=False,
        ),
    ] = None,
    store: StoreOpt = None,
    graph: GraphOpt = None,
    cooccurring: CooccurOpt = 5,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Any entity: who proposed it and when, who uses it, with evidence, and what it appears with.

    --format json gives all of it in one document; jsonl and csv give one row a paper.
    """
    from kg.query.entity import entity_report

    with opened_store(store, graph, create=False) as opened:
        report = entity_report(opened, name, kind=kind.casefold() if kind else None, cooccurring=cooccurring)
    _print_report(report, output)


def register(app: typer.Typer) -> None:
    app.command("entity")(entity_command)
    for kind in ("dataset", "task", "model"):
        app.command(kind)(_command(kind))
