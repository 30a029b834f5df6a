"""The Typer application; library errors become one line on stderr and an exit code here."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kg.cli.help import CONTEXT_SETTINGS, SummaryGroup
from kg.errors import KGError


class _Group(SummaryGroup):
    """Turns a :class:`KGError` from any command into ``kg: error: …`` and its exit code, and a
    warning paper-kg issues into one ``kg: warning: …`` line once the command succeeded."""

    def invoke(self, ctx: Any) -> Any:
        import warnings

        shown = warnings.showwarning
        ours: list[str] = []

        def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
            if category.__module__.split(".")[0] == "kg":
                ours.append(str(message))
            else:
                shown(message, category, *args, **kwargs)

        with warnings.catch_warnings():
            warnings.showwarning = show
            try:
                result = super().invoke(ctx)
            except KGError as exc:  # the error is the one line: a warning about the same run is moot
                typer.echo(f"kg: error: {exc}", err=True)
                raise typer.Exit(exc.exit_code) from None
        for message in dict.fromkeys(ours):
            typer.echo(f"kg: warning: {message}", err=True)
        return result


app = typer.Typer(
    cls=_Group,
    name="kg",
    help="paper-kg: turn research paper listings into a knowledge graph of methods, datasets and models.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"paper-kg {version('paper-kg')}")
        except PackageNotFoundError:
            typer.echo("paper-kg (not installed)")
        raise typer.Exit()


@app.callback()
def _main(
    show_version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """paper-kg: turn research paper listings into a knowledge graph of methods, datasets and models."""


def _register() -> None:
    from kg.cli import (
        demo_cmd,
        entity_cmd,
        export_cmd,
        extract_cmd,
        fetch_cmd,
        find_cmd,
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
        find_cmd,
        query_cmds,
        export_cmd,
        sync_cmd,
        demo_cmd,
        entity_cmd,
        view_cmd,
        topics_cmd,
    ):
        module.register(app)
    fetch_cmd.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
