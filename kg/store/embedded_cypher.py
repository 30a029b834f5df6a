"""Real Cypher on the embedded store: a ladybug database built from the NetworkX graph.

The NetworkX graph file stays the store of record. The engine is a derived copy of it, built on
demand by bulk ``COPY`` (:mod:`kg.store.engine_build`) and kept next to the graph file::

    kg-data/graph.json
    kg-data/graph.json.cypher/engine-<key>.lbug   # key: the graph file's size, mtime and inode,
                                                  # the engine format and the ladybug version

An engine is built under a temporary name (``.building-<pid>-….lbug``) and renamed into place
only once complete and closed, so a crash mid-build never leaves a file under an engine name;
leftovers of dead builders and engines of older graph files are removed by the next build. An
engine file that cannot be opened is deleted and rebuilt once. Engines are opened read-only
(several processes may query one). A graph that is not a file, or that has changes not yet
committed to its file, gets an in-memory engine instead.

Dialect: ladybug speaks openCypher with differences from Neo4j 5 that named queries must
respect (write portable Cypher, or keep the variants side by side); the full list is in
docs/CYPHER_DIALECTS.md. The ones met most: ``end`` is reserved (write ``r.`end```), lists and
``substring`` are 1-based, ``collect`` ignores a preceding ``ORDER BY`` (sort with
``list_sort``; and ``WITH … ORDER BY`` needs ``SKIP``/``LIMIT``), ``labels(n)`` is a string and
``type(r)`` is ``label(r)``, no ``toInteger``/``toString`` (``CAST(x AS INT64)``), no list
comprehensions, no map projections, no ``shortestPath`` (``-[:T* SHORTEST 1..k]-``), and an empty
list parameter cannot be typed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.atomic import fsync_dir, process_alive
from kg.errors import QueryTimeoutError, StoreError
from kg.store.cypher_values import engine_value

if TYPE_CHECKING:
    import ladybug
    import networkx as nx

ENGINE_FORMAT = 2
"""Bumped whenever the tables or the load change: older engines are then rebuilt."""
ENGINE_SUFFIX = ".lbug"
BUILD_SETTINGS: dict[str, Any] = {"auto_checkpoint": False}
"""ladybug settings for a build: one checkpoint when the database is closed instead of one
after each COPY (on a 100,000-paper graph: ~0.9 s less wall time, ~1.7 s less CPU)."""
_MAX_MESSAGE = 300
_EXPECTING = re.compile(r" expecting \{[^}]*\}")


@dataclass(frozen=True, slots=True)
class FileState:
    """What identifies one version of the graph file (a commit replaces the file: new inode and mtime)."""

    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path | None) -> FileState | None:
        """The file's current state; ``None`` if there is no file."""
        if path is None:
            return None
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls(st.st_size, st.st_mtime_ns, st.st_ino)


def engine_dir(graph_path: Path) -> Path:
    """Where the engines of a graph file live: ``graph.json`` -> ``graph.json.cypher/``."""
    return graph_path.with_name(graph_path.name + ".cypher")


def engine_key(state: FileState) -> str:
    from importlib.metadata import version

    text = f"{ENGINE_FORMAT}:{version('ladybug')}:{state.size}:{state.mtime_ns}:{state.inode}"
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def engine_path(graph_path: Path, state: FileState) -> Path:
    """The engine file for one version of the graph file."""
    return engine_dir(graph_path) / f"engine-{engine_key(state)}{ENGINE_SUFFIX}"


def message(exc: BaseException) -> str:
    """An engine error as one short line (its first line, without the parser's token list)."""
    lines = str(exc).strip().splitlines()
    text = _EXPECTING.sub("", " ".join(lines[0].split())) if lines else type(exc).__name__
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


class EmbeddedCypher:
    """An open engine: runs Cypher with parameters, returns rows of plain values."""

    def __init__(self, database: ladybug.Database, where: str) -> None:
        import ladybug

        self.where = where
        self._database = database
        self._conn = ladybug.Connection(database)

    def run(
        self, query: str, params: Mapping[str, Any], *, timeout: float | None = None
    ) -> list[dict[str, Any]]:
        """Rows of ``query`` as dicts (column name -> plain value); engine errors as one line.

        With ``timeout`` (seconds) the engine stops the query once it has run that long
        (:class:`~kg.errors.QueryTimeoutError`).
        """
        self.set_timeout(timeout or 0)
        try:
            result = self._conn.execute(query, dict(params))
        except RuntimeError as exc:
            if timeout and str(exc).strip().rstrip(".") == "Interrupted":
                raise QueryTimeoutError(
                    f"embedded Cypher ({self.where}): the query was stopped after the {timeout:g} s timeout"
                ) from exc
            raise StoreError(f"embedded Cypher ({self.where}): {message(exc)}") from exc
        if isinstance(result, list):
            for part in result:
                part.close()
            raise StoreError(f"embedded Cypher ({self.where}): one statement at a time, please")
        try:
            names = result.get_column_names()
            return [
                {name: engine_value(value) for name, value in zip(names, row, strict=True)}
                for row in result.get_all()
            ]
        except RuntimeError as exc:
            raise StoreError(f"embedded Cypher ({self.where}): {message(exc)}") from exc
        finally:
            result.close()

    def set_timeout(self, seconds: float) -> None:
        """Stop any later query running longer than ``seconds`` (a :class:`StoreError`); 0: never."""
        self._conn.set_query_timeout(max(1, round(seconds * 1000)) if seconds > 0 else 0)

    def close(self) -> None:
        self._conn.close()
        self._database.close()


def in_memory(graph: nx.MultiDiGraph) -> EmbeddedCypher:
    """An engine held in memory, loaded from ``graph``."""
    import ladybug

    database = ladybug.Database(None)
    conn = ladybug.Connection(database)
    with _workdir(None) as work:
        _load(conn, graph, work)
    conn.close()
    return EmbeddedCypher(database, "in memory")


def on_disk(graph_path: Path, graph: nx.MultiDiGraph, state: FileState) -> EmbeddedCypher:
    """The engine of this version of the graph file, built (atomically) if it is not there yet.

    ``graph`` must be the graph as the file holds it.
    """
    return current(graph_path, lambda: graph, state)


def build_lock(graph_path: Path) -> Path:
    """The lock file one engine builder holds while others wait: ``graph.json.cypher.lock``."""
    return graph_path.with_name(graph_path.name + ".cypher.lock")


def current(
    graph_path: Path, load: Callable[[], nx.MultiDiGraph], state: FileState | None = None
) -> EmbeddedCypher:
    """The engine of the graph file as it is now (or as ``state`` says it was read): opened if
    built, else built once: the first process to need it builds it under a lock
    (:func:`build_lock`) while the others wait, then open what it built.

    ``load`` gives the graph as the file holds it (only called when the engine must be built);
    if the file changes while it is read, the engine of the new version is made instead.
    """
    from kg.errors import GraphFileError
    from kg.store.lock import exclusive

    fixed = state is not None
    for _ in range(5):
        state = state if fixed else FileState.of(graph_path)
        if state is None:
            raise GraphFileError(f"{graph_path}: no graph here yet (run 'kg ingest' first)")
        target = engine_path(graph_path, state)
        if target.exists() and isinstance(opened := _open(target, graph_path), EmbeddedCypher):
            return opened
        with exclusive(build_lock(graph_path), what="building the query engine"):
            if target.exists():
                opened = _open(target, graph_path)
                if isinstance(opened, EmbeddedCypher):
                    return opened
                _remove(target)  # unreadable (damaged, or another ladybug's format): build it again
            graph = load()
            if not fixed and FileState.of(graph_path) != state:
                continue  # a writer replaced the file while it was read: the new one's engine
            build(graph, target)
        opened = _open(target, graph_path)
        if isinstance(opened, str):
            raise StoreError(f"{target}: the embedded Cypher engine just built cannot be opened: {opened}")
        return opened
    raise StoreError(f"{graph_path}: the graph file keeps changing; cannot build its Cypher engine")


def build(graph: nx.MultiDiGraph, target: Path) -> None:
    """Build the engine of ``graph`` at ``target``: under a temporary name, then renamed."""
    import ladybug

    directory = target.parent
    directory.mkdir(parents=True, exist_ok=True)
    _clean(directory, keep=target)
    partial = directory / f".building-{os.getpid()}-{secrets.token_hex(4)}{ENGINE_SUFFIX}"
    try:
        database = ladybug.Database(str(partial), **BUILD_SETTINGS)
        conn = ladybug.Connection(database)
        try:
            with _workdir(directory) as work:
                _load(conn, graph, work)
        finally:
            conn.close()
            database.close()
        if _companions(partial):
            raise StoreError(f"{partial}: the engine left files behind after closing; not using it")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        fsync_dir(directory)
    finally:
        for leftover in (partial, *_companions(partial)):
            _remove(leftover)


def _load(conn: ladybug.Connection, graph: nx.MultiDiGraph, work: Path) -> None:
    from kg.store.engine_build import load_graph

    try:
        load_graph(conn, graph, work)
    except RuntimeError as exc:
        raise StoreError(f"building the embedded Cypher engine failed: {message(exc)}") from exc


def _open(path: Path, graph_path: Path) -> EmbeddedCypher | str:
    """The engine at ``path`` opened read-only, or why it cannot be."""
    import ladybug

    try:
        database = ladybug.Database(str(path), read_only=True)
        engine = EmbeddedCypher(database, str(graph_path))
        engine.run("CALL show_tables() RETURN count(*) AS tables", {})
    except RuntimeError as exc:
        return message(exc)
    except StoreError as exc:
        return str(exc)
    return engine


@contextlib.contextmanager
def _workdir(beside: Path | None) -> Iterator[Path]:
    """A temporary directory for the table files: beside the engine if that path is plain."""
    from kg.store.engine_build import safe_path

    parent = str(beside) if beside is not None and safe_path(beside) else None
    work = Path(tempfile.mkdtemp(prefix=f".tables-{os.getpid()}-", dir=parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _companions(path: Path) -> list[Path]:
    """Files the engine keeps beside its database file (write-ahead log, shadow pages, lock)."""
    return [p for p in path.parent.glob(path.name + ".*") if p.is_file()]


def _clean(directory: Path, keep: Path) -> None:
    """Remove engines of other graph versions and the leftovers of builders that died."""
    for path in directory.iterdir():
        name = path.name
        if name.startswith((".building-", ".tables-")):
            pid = name.split("-")[1]
            if pid.isdigit() and not process_alive(int(pid)):
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    _remove(path)
        elif name.startswith("engine-") and not name.startswith(keep.name):
            _remove(path)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
