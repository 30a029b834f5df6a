"""``kg extract`` and ``kg eval``: run the extractors without touching a graph, and score them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import FormatOpt
from kg.cli.output import OutputFormat, emit

PathsArg = Annotated[list[Path], typer.Argument(help="Listing files (format sniffed).", show_default=False)]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1, help="Extraction processes.")]


def _papers(paths: list[Path]) -> list[object]:
    import warnings

    from kg.build import merge_duplicates
    from kg.ingest import read_papers
    from kg.ingest.hf_daily_text import ListingYearWarning

    with warnings.catch_warnings():  # extraction reads no date: a guessed listing year does not matter
        warnings.simplefilter("ignore", ListingYearWarning)
        return list(merge_duplicates(p for path in paths for p in read_papers(path)))


def extract_command(paths: PathsArg, output: FormatOpt = OutputFormat.JSONL, workers: WorkersOpt = 1) -> None:
    """Print the entities found in each paper, with aliases, roles and evidence."""
    from kg.cli.progress import tracked
    from kg.extraction import extract_entities

    papers = _papers(paths)
    records = tracked(extract_entities(papers, workers=workers), len(papers), "extracting")  # type: ignore[arg-type]
    if output is OutputFormat.JSONL:
        emit_stream(records)
        return
    rows = list(records)
    table = [
        {"id": r["id"], "title": r["title"], **{k: len(r[k]) for k in r if isinstance(r[k], list)}}
        for r in rows
    ]
    emit(table, output, document=rows)


def emit_stream(records: object) -> None:
    """JSON lines as they are produced (constant memory)."""
    import json
    import sys

    for record in records:  # type: ignore[attr-defined]
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL in the GUIDELINES schema.", show_default=False)],
    paths: PathsArg,
    errors: Annotated[
        int, typer.Option("--errors", help="List up to N false positives/negatives per type.")
    ] = 0,
    output: FormatOpt = OutputFormat.TABLE,
) -> None:
    """Score extraction against a gold file: P/R/F1 per type, micro over six types, families apart."""
    from kg.cli.progress import tracked
    from kg.evaluate import evaluate, load_gold
    from kg.extraction import extract_entities

    papers = _papers(paths)
    report = evaluate(load_gold(gold), tracked(extract_entities(papers), len(papers), "extracting"))  # type: ignore[arg-type]
    if report.missing:
        typer.echo(f"kg: {len(report.missing)} gold papers not found in the input", err=True)
    roles = {
        "correct": report.roles_correct,
        "total": report.roles_total,
        "accuracy": round(report.role_accuracy, 4),
    }
    emit(report.rows(), output, document={"papers": report.papers, "scores": report.rows(), "roles": roles})
    if output is OutputFormat.TABLE:
        right = f"{roles['correct']} of {roles['total']}"
        typer.echo(f"\nroles (proposed/used) right on {right} matched methods and datasets")
    if errors:
        typer.echo("")
        rows = [{"type": t, **e} for t, errs in report.errors.items() for e in errs[:errors]]
        emit(
            rows,
            OutputFormat.TABLE if output is OutputFormat.JSON else output,
            ["type", "error", "entity", "paper"],
        )


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
    app.command("eval")(eval_command)
