"""The rule finders' word lists, shipped as data files under ``extractors/data/``.

A list (``<name>.txt``): one entry a line (an entry may hold spaces: "put forward"). A table
(``<name>.tsv``): a key, a tab and its value a line. Blank lines and ``#`` comment lines are
ignored, surrounding whitespace stripped; an entry (a table's key) may not repeat. Each file is
read once per process through ``importlib.resources``, so the lists load the same from a
checkout and from an installed wheel. ``extractors/data/README.md`` lists the files and their users.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files


class WordListError(ValueError):
    """A word list file that cannot be used: missing, empty, malformed or with a repeated entry."""


def _lines(file: str) -> Iterator[tuple[int, str]]:
    """``(line number, stripped line)`` of the data file's entries."""
    try:
        text = files("extractors").joinpath("data", file).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordListError(f"extractors/data/{file}: no such word list") from None
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield number, entry


def _unique(file: str, rows: Iterable[tuple[int, str, str]]) -> dict[str, str]:
    """Rows ``(line number, key, value)`` as a dict in file order; a repeated key or none is an error."""
    found: dict[str, str] = {}
    lines: dict[str, int] = {}
    for number, key, value in rows:
        if key in found:
            raise WordListError(f"extractors/data/{file}:{number}: {key!r} repeats line {lines[key]}")
        found[key], lines[key] = value, number
    if not found:
        raise WordListError(f"extractors/data/{file}: no entries")
    return found


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt`` in file order (for alternations and ordered cues)."""
    file = f"{name}.txt"
    return tuple(_unique(file, ((number, entry, entry) for number, entry in _lines(file))))


@cache
def load(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt`` as a set (membership tests)."""
    return frozenset(entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """The rows of ``data/<name>.tsv`` (key, tab, value) in file order. Shared: do not mutate it."""
    file = f"{name}.tsv"
    rows = []
    for number, entry in _lines(file):
        key, tab, value = entry.partition("\t")
        if not tab or not key.strip() or not value.strip() or "\t" in value:
            raise WordListError(f"extractors/data/{file}:{number}: expected a key, a tab and a value")
        rows.append((number, key.strip(), value.strip()))
    return _unique(file, rows)
