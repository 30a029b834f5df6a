"""The one loader of Cypher templates: ``queries/<name>.cypher`` (named queries),
``queries/store/<name>.cypher`` (the Neo4j store's statements) and
``queries/embedded/<name>.cypher`` (the embedded engine's), each with its header.

A template file opens with a header of ``//`` comment lines (see :mod:`queries`); the statement
is the file without its comment lines. Files are read once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from kg.errors import KGError

SUFFIX = ".cypher"


@dataclass(frozen=True, slots=True)
class Template:
    """One template file: its name (``store/upsert-nodes``), path and text."""

    name: str
    path: str
    text: str

    @property
    def header(self) -> list[str]:
        """The opening ``//`` comment lines, without the ``//`` (and one space after it)."""
        lines: list[str] = []
        for line in self.text.splitlines():
            stripped = line.lstrip()
            if not stripped.startswith("//"):
                break
            lines.append(stripped[2:].removeprefix(" "))
        return lines

    @property
    def statement(self) -> str:
        """The text without its comment lines (the store and engine templates' statement)."""
        return "\n".join(
            line for line in self.text.splitlines() if not line.lstrip().startswith("//")
        ).strip()


@cache
def load_template(name: str) -> Template:
    """The template ``queries/<name>.cypher`` (``name`` may hold a folder: ``store/get-nodes``)."""
    folder, _, stem = name.rpartition("/")
    entry = files("queries")
    for part in folder.split("/") if folder else ():
        entry = entry / part
    entry = entry / f"{stem}{SUFFIX}"
    if not entry.is_file():
        raise KGError(f"no query template queries/{name}{SUFFIX}")
    return Template(name, f"queries/{name}{SUFFIX}", entry.read_text(encoding="utf-8"))


def template_names(folder: str = "") -> list[str]:
    """The names of the templates in ``queries/`` (or its ``folder``), sorted by file name."""
    entry = files("queries")
    for part in folder.split("/") if folder else ():
        entry = entry / part
    prefix = f"{folder}/" if folder else ""
    names = sorted(e.name for e in entry.iterdir() if e.name.endswith(SUFFIX) and e.is_file())
    return [f"{prefix}{n.removesuffix(SUFFIX)}" for n in names]
