"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.output import OutputFormat

GraphOpt = Annotated[
    Path | None,
    typer.Option(
        "--graph",
        envvar="KG_GRAPH",
        help="Graph file of the embedded store [default: ./kg-data/graph.json].",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
]
