"""Readable help: one-sentence command summaries that are never cut, and plain placeholders
(``PATH``, ``N``, ``table|json``) instead of Python types (``<list[Path]>``)."""

from __future__ import annotations

from typing import Any

from typer.core import TyperGroup

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
"""Every command takes ``-h`` as well as ``--help``."""


def summary(command: Any) -> str:
    """A command's first sentence, whole."""
    text = command.short_help or command.help or ""
    first = " ".join(text.strip().split("\n\n")[0].split())
    end = first.find(". ")
    return (first[: end + 1] if end >= 0 else first).rstrip(".")


def placeholder(param: Any) -> str:
    """A plain placeholder for an option's value: its choices, ``PATH``, ``N`` or its name."""
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc is not None and desc.is_path:
        return "PATH"
    bare = param.bare_type() if hasattr(param, "bare_type") else ""
    if bare == "int":
        return "N"
    if bare == "float":
        return "SECONDS" if param.name == "timeout" else "NUMBER"
    return str(param.name or "value").upper()


def tidy(command: Any) -> Any:
    """Give every parameter of ``command`` without a metavar a plain placeholder."""
    for param in command.params:
        if param.metavar is not None or getattr(param, "is_flag", False):
            continue
        if param.param_type_name == "argument":
            name = str(param.name).upper()
            param.metavar = name[:-1] if param.nargs != 1 and name.endswith("S") else name
            param.display_type_rich = lambda ctx: None  # the name says it: no "<list[Path]>"
        else:
            param.metavar = placeholder(param)
    return command


class SummaryGroup(TyperGroup):
    """A command group whose help lists whole first sentences and plain placeholders."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return tidy(command) if command is not None else None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, summary(command)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
