"""The Typer application; library errors become one line on stderr and an exit code here."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from kg.errors import KGError


class _Group(TyperGroup):
    """Turns a :class:`KGError` from any command into ``kg: error: …`` and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KGError as exc:
            typer.echo(f"kg: error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="kg",
    help="paper-kg: turn research paper listings into a knowledge graph of methods, datasets and models.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _register() -> None:
    from kg.cli import (
        demo_cmd,
        export_cmd,
        extract_cmd,
        ingest_cmd,
        query_cmds,
        read_cmds,
        sync_cmd,
        topics_cmd,
        view_cmd,
    )

    for module in (
        ingest_cmd,
        extract_cmd,
        read_cmds,
        query_cmds,
        export_cmd,
        sync_cmd,
        demo_cmd,
        view_cmd,
        topics_cmd,
    ):
        module.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
