"""The Neo4j store: the same :class:`~kg.store.base.GraphStore` over Bolt (the official driver).

Opening a writable store sets up the schema: a uniqueness constraint on every label's ``id``,
so ``MERGE`` is an index seek and duplicates are impossible. Writes are ``UNWIND $rows … MERGE``
batches, each in its own managed write transaction (``execute_write``: the driver retries
transient errors), so re-running an interrupted load converges on the same graph. Reads stream.
All Cypher comes from ``queries/store/`` (see :mod:`kg.store.cypher`); every value is a parameter.
Driver and server errors become a one-line :class:`~kg.errors.StoreError` that never contains
the password.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as nx4j

from kg.errors import KGError, QueryTimeoutError, StoreError
from kg.model import SCHEMA, Edge, Label, Node, RelType
from kg.store.base import Row, Stats, Subgraph, batched, present
from kg.store.cypher import render
from kg.store.partition import edge_rounds, node_parts

DEFAULT_BATCH = 5_000
"""Rows per write transaction (see bench/bench_neo4j_load.py): 10,000 loaded about 5% faster
there, within the noise; 1,000 and 20,000 were slower."""
DEFAULT_WORKERS = 2
"""Write transactions in flight at once (over disjoint nodes: see :mod:`kg.store.partition`).
On a two-core machine two loaded the 100,000-paper bench graph 1.35-1.4 times as fast as one
(the server runs one transaction on one core); three were slower than one on a smaller graph
(more waiting on shared relationship-chain locks)."""
READ_CHUNK = 10_000
"""Ids or values per lookup query."""
SMALL_SUBGRAPH = 64
"""Up to this many nodes, a subgraph's edges are found pair by pair (cheap around hubs)."""
EDGE_SOURCES_CHUNK = 2_000
"""Source nodes per query when streaming the edges of a type."""
DEFAULT_RETRY_SECONDS = 30.0
RETRY_DELAY = 0.1
"""Seconds before the first retry. The driver's default, 1 s, is long for the occasional deadlock
between two of our own write batches (detected at once, and gone on the retry)."""
_MAX_MESSAGE = 300
CLIENT_GRACE = 2.0
"""Seconds past a query's timeout the client waits for the server to report it, then gives up."""

T = TypeVar("T")
_LABELS = frozenset(label.value for label in Label)
_RELS = frozenset(rel.value for rel in RelType)


class Neo4jStore:
    """A :class:`~kg.store.base.GraphStore` in a Neo4j database (5.x or newer, single or cluster).

    ``create=False`` opens for reading: no schema set-up, just a check that the database answers.
    Writes run ``workers`` transactions of up to ``batch_size`` rows at once, over disjoint nodes
    so that they seldom wait for each other's locks; transient failures (a deadlock, a leader
    switch, a lost connection) are retried for up to ``retry_seconds``. ``on_batch(rows)`` is
    called (in the writing thread) after each write transaction of ``rows`` rows has committed.
    """

    cypher_dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str | None = None,
        database: str | None = None,
        create: bool = True,
        batch_size: int = DEFAULT_BATCH,
        workers: int = DEFAULT_WORKERS,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        on_batch: Callable[[int], None] | None = None,
    ) -> None:
        self.uri = uri
        self.on_batch = on_batch
        self.user = user
        self.database = database
        self.batch_size = batch_size
        self.workers = max(1, workers)
        self._pool: ThreadPoolExecutor | None = None
        self._password = password or ""
        with self._errors("connecting"):
            self._driver = neo4j.GraphDatabase.driver(
                uri,
                auth=(user, password) if password else None,
                max_transaction_retry_time=retry_seconds,
                initial_retry_delay=RETRY_DELAY,
                notifications_min_severity="OFF",
                user_agent="paper-kg",
            )
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            with self._errors("connecting"):
                self._driver.verify_connectivity()
                if create:
                    self._write(_run_all, [render("create-constraint", label=label) for label in Label])
                else:
                    self._read(_run_all, [render("probe")])
        except BaseException:
            self._driver.close()
            raise

    def __str__(self) -> str:
        where = f"database {self.database!r} at " if self.database else ""
        return f"Neo4j {where}{self.uri}"

    # -- plumbing -------------------------------------------------------------------------

    def _message(self, exc: BaseException) -> str:
        """One line, at most a few hundred characters, with the password masked."""
        if isinstance(exc, nx4j.Neo4jError) and exc.message:
            text = exc.message
        else:
            text = str(exc) or type(exc).__name__
        text = " ".join(text.split())
        if self._password:
            text = text.replace(self._password, "***")
        return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Driver and server errors as one-line :class:`StoreError` s."""
        try:
            yield
        except KGError:
            raise
        except nx4j.AuthError as exc:
            raise StoreError(
                f"{self}: the server refused the credentials of user {self.user!r} "
                f"(set KG_NEO4J_USER and KG_NEO4J_PASSWORD): {self._message(exc)}"
            ) from exc
        except (nx4j.ServiceUnavailable, nx4j.SessionExpired, nx4j.ConnectionAcquisitionTimeoutError) as exc:
            raise StoreError(f"{self}: cannot reach the server while {doing}: {self._message(exc)}") from exc
        except nx4j.Neo4jError as exc:
            code = exc.code or ""
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(
                    f"{self}: the server has no database {self.database or '(default)'!r} "
                    "(set KG_NEO4J_DATABASE)"
                ) from exc
            if code.startswith("Neo.ClientError.Security."):
                raise StoreError(f"{self}: {doing}: access refused: {self._message(exc)}") from exc
            raise StoreError(f"{self}: {doing} failed: {self._message(exc)}") from exc
        except (nx4j.DriverError, ValueError) as exc:
            raise StoreError(f"{self}: {doing} failed: {self._message(exc)}") from exc

    def _session(self, mode: str) -> neo4j.Session:
        return self._driver.session(
            database=self.database, default_access_mode=mode, bookmark_manager=self._bookmarks
        )

    def _write(self, work: Callable[..., T], *args: Any) -> T:
        with self._session(neo4j.WRITE_ACCESS) as session:
            return session.execute_write(work, *args)

    def _read(self, work: Callable[..., T], *args: Any) -> T:
        with self._session(neo4j.READ_ACCESS) as session:
            return session.execute_read(work, *args)

    def _write_batch(self, work: Callable[..., None], *args: Any) -> None:
        """One write transaction over the rows in ``args[-1]``, then ``on_batch``."""
        self._write(work, *args)
        if self.on_batch is not None:
            self.on_batch(len(args[-1]))

    def _concurrently(self, work: Callable[..., None], jobs: list[tuple[Any, ...]]) -> None:
        """One write transaction per job (rows last), side by side; the first failure is raised."""
        if len(jobs) <= 1:
            for args in jobs:
                self._write_batch(work, *args)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="kg-neo4j")
        futures = [self._pool.submit(self._write_batch, work, *args) for args in jobs]
        wait(futures)
        for future in futures:
            future.result()

    def _stream(self, query: str, **params: Any) -> Iterator[neo4j.Record]:
        """Records of a read query as they arrive (one auto-commit transaction, not retried)."""
        with self._session(neo4j.READ_ACCESS) as session:
            yield from session.run(query, params)

    # -- writes ---------------------------------------------------------------------------

    def upsert_nodes(self, label: Label, rows: Iterable[Row]) -> None:
        query = render("upsert-nodes", label=label)
        records = ({"id": row["id"], "props": present(row, "id")} for row in rows)
        with self._errors(f"writing {label.value} nodes"):
            for chunk in batched(records, self.batch_size * self.workers):
                self._concurrently(_upsert, [(query, part) for part in node_parts(chunk, self.workers)])

    def upsert_edges(self, rel: RelType, rows: Iterable[tuple[str, str, Row]]) -> None:
        query = render("upsert-edges", rel=rel)
        records = ({"source": s, "target": t, "props": present(p)} for s, t, p in rows)
        parts = self.workers if SCHEMA[rel][0] is not SCHEMA[rel][1] else 1
        with self._errors(f"writing {rel.value} edges"):
            for chunk in batched(records, self.batch_size * parts * parts):
                for blocks in edge_rounds(chunk, parts):
                    self._concurrently(_merge_edges, [(rel, query, block) for block in blocks])

    def rename_node(self, label: Label, old_id: str, new_id: str) -> None:
        with self._errors(f"renaming {old_id!r}"):
            self._write(_rename, label, old_id, new_id)

    def clear(self) -> None:
        with self._errors("clearing"), self._session(neo4j.WRITE_ACCESS) as session:
            batches = [render("delete-edges", rel=rel) for rel in RelType]
            batches += [render("delete-nodes", label=label) for label in Label]
            for query in batches:
                while session.execute_write(_single, query, {"limit": self.batch_size}) >= self.batch_size:
                    pass

    def commit(self) -> None:
        """Nothing to do: every batch committed in its own transaction."""

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
        self._driver.close()

    # -- reads ----------------------------------------------------------------------------

    def get_nodes(self, label: Label, ids: Iterable[str]) -> dict[str, Node]:
        query = render("get-nodes", label=label)
        wanted = list(dict.fromkeys(ids))
        with self._errors(f"reading {label.value} nodes"):
            records = self._read(_chunked, query, "ids", wanted)
        return {r["id"]: _node(r["id"], label, r["props"]) for r in records}

    def find_nodes(self, label: Label, prop: str, values: Iterable[Any]) -> dict[Any, str]:
        query = render("find-nodes", label=label)
        with self._errors(f"looking up {label.value} nodes"):
            records = self._read(_chunked, query, "values", list(set(values)), {"prop": prop})
        return {r["value"]: r["id"] for r in records}

    def iter_nodes(self, label: Label) -> Iterator[Node]:
        with self._errors(f"reading {label.value} nodes"):
            for record in self._stream(render("iter-nodes", label=label)):
                yield _node(record["id"], label, record["props"])

    def iter_node_props(self, label: Label, props: Sequence[str]) -> Iterator[Node]:
        for node in self.iter_nodes(label):
            yield Node(node.id, label, {k: node.props[k] for k in props if k in node.props})

    def iter_edges(self, rel: RelType) -> Iterator[Edge]:
        source_label = SCHEMA[rel][0]
        query = render("edges-from", rel=rel)
        with self._errors(f"reading {rel.value} edges"):
            sources = [r["id"] for r in self._stream(render("node-ids", label=source_label))]
            for chunk in batched(sorted(sources), EDGE_SOURCES_CHUNK):
                records = self._read(_records, query, {"ids": chunk})
                edges = [Edge(r["source"], r["target"], rel, dict(r["props"])) for r in records]
                yield from sorted(edges, key=lambda e: (e.source, e.target))

    def dated_sources(self, rels: Sequence[RelType], targets: Iterable[str]) -> list[tuple[str, str, str]]:
        from kg.store.base import paper_date, rels_by_target

        wanted = sorted(set(targets))
        found = set()
        with self._errors("reading who names the entities"):
            for label, group in rels_by_target(rels).items():
                names = {"rels": [rel.value for rel in group]}
                for r in self._read(_chunked, render("dated-sources", label=label), "ids", wanted, names):
                    if date := paper_date(r):
                        found.add((r["target"], r["source"], date))
        return sorted(found)

    def edges_of(self, node_id: str) -> list[Edge]:
        with self._errors(f"reading the edges of {node_id!r}"):
            records = self._read(_records, render("edges-of"), {"id": node_id})
        edges = {
            (r["type"], r["source"], r["target"]): Edge(
                r["source"], r["target"], RelType(r["type"]), r["props"]
            )
            for r in records
            if r["type"] in _RELS
        }
        return [edges[k] for k in sorted(edges)]

    def neighbourhood(self, node_id: str, hops: int = 1) -> Subgraph:
        with self._errors(f"reading the neighbourhood of {node_id!r}"):
            records = self._read(_neighbourhood, node_id, hops)
        nodes: list[Node] = []
        edges: list[Edge] = []
        for r in records:
            label = next((Label(x) for x in r["labels"] if x in _LABELS), None)
            if label is None:
                continue
            nodes.append(_node(r["id"], label, r["props"]))
            edges += [
                Edge(r["id"], e["target"], RelType(e["type"]), e["props"])
                for e in r["edges"]
                if e["type"] in _RELS
            ]
        nodes.sort(key=lambda n: n.id)
        edges.sort(key=lambda e: (e.type.value, e.source, e.target))
        return Subgraph(nodes, edges)

    def stats(self) -> Stats:
        queries = [render("count-nodes", label=label) for label in Label]
        queries += [render("count-edges", rel=rel) for rel in RelType]
        with self._errors("counting"):
            counts = self._read(_counts, queries)
        nodes = dict(zip([label.value for label in Label], counts[: len(Label)], strict=True))
        edges = dict(zip([rel.value for rel in RelType], counts[len(Label) :], strict=True))
        return Stats.of(nodes, edges)

    def run_cypher(
        self,
        query: str,
        params: Mapping[str, Any],
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> list[dict[str, Any]]:
        """Read-only unless ``write``: a writing statement is refused (kg.store.read_only) and a
        read runs in a READ access-mode transaction, so the server refuses any write the scan
        missed; with ``write`` it runs in a write transaction, but never one that reaches files or
        the network (LOAD CSV, …: kg.store.read_only.check_no_outside_access). The statement's size
        and parameters are bounded (kg.store.limits) before it is sent. ``timeout`` seconds (default
        ``DEFAULT_TIMEOUT``) bound the transaction on the server and the wait here: past it the
        call raises :class:`~kg.errors.QueryTimeoutError`, retries included. Values as in
        kg.store.cypher_values."""
        from kg.store.limits import DEFAULT_TIMEOUT, check_bounds, check_params
        from kg.store.read_only import check_no_outside_access, check_read_only

        check_bounds(query)
        check_params(params)
        if write:
            check_no_outside_access(query)
        else:
            check_read_only(query)
        seconds = timeout or DEFAULT_TIMEOUT
        work = neo4j.unit_of_work(timeout=seconds)(_data)
        run = self._write if write else self._read
        with self._errors("running Cypher"):
            try:
                return _within(seconds + CLIENT_GRACE, run, work, query, dict(params))
            except nx4j.Neo4jError as exc:
                if "TransactionTimedOut" in (exc.code or ""):
                    raise QueryTimeoutError(
                        f"{self}: the query was stopped after the {seconds:g} s timeout"
                    ) from exc
                raise
            except TimeoutError as exc:
                raise QueryTimeoutError(
                    f"{self}: no answer within the {seconds:g} s timeout; gave up waiting"
                ) from exc


def _within(seconds: float, work: Callable[..., T], *args: Any) -> T:
    """``work(*args)`` in a daemon thread, waited for ``seconds`` at most (then ``TimeoutError``;
    the thread is left to end with its connection, and never keeps the process alive)."""
    import threading

    outcome: list[Any] = []

    def target() -> None:
        try:
            outcome.append((True, work(*args)))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append((False, exc))

    thread = threading.Thread(target=target, name="kg-neo4j-query", daemon=True)
    thread.start()
    thread.join(seconds)
    if not outcome:
        raise TimeoutError(f"no answer within {seconds:g} s")
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]


# -- transaction functions (module level: the driver may call them again on a retry) ----------


def _upsert(tx: neo4j.ManagedTransaction, query: str, rows: list[dict[str, Any]]) -> None:
    tx.run(query, {"rows": rows}).consume()


def _run_all(tx: neo4j.ManagedTransaction, queries: list[str]) -> None:
    for query in queries:
        tx.run(query).consume()


def _single(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> Any:
    record = tx.run(query, params).single(strict=True)
    return record[0]


def _records(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[neo4j.Record]:
    return list(tx.run(query, params))


def _data(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    from kg.store.cypher_values import neo4j_value

    rows = []
    for record in tx.run(query, params):
        rows.append({key: neo4j_value(record[key]) for key in record.keys()})  # noqa: SIM118 (a Record)
    return rows


def _chunked(
    tx: neo4j.ManagedTransaction,
    query: str,
    key: str,
    items: list[Any],
    extra: Mapping[str, Any] | None = None,
) -> list[neo4j.Record]:
    records: list[neo4j.Record] = []
    for chunk in batched(items, READ_CHUNK):
        records += tx.run(query, {**(extra or {}), key: chunk})
    return records


def _counts(tx: neo4j.ManagedTransaction, queries: list[str]) -> list[int]:
    return [int(tx.run(query).single(strict=True)[0]) for query in queries]


def _merge_edges(tx: neo4j.ManagedTransaction, rel: RelType, query: str, rows: list[dict[str, Any]]) -> None:
    merged = tx.run(query, {"rows": rows}).single(strict=True)["merged"]
    if merged == len(rows):
        return
    for label, end in zip(SCHEMA[rel], ("source", "target"), strict=True):
        record = tx.run(render("missing-nodes", label=label), {"ids": [r[end] for r in rows]}).single()
        if record is not None:
            raise StoreError(f"{rel.value} edge to a missing node {record['id']!r}")
    raise StoreError(f"{rel.value}: {len(rows) - merged} edges were not written")


def _rename(tx: neo4j.ManagedTransaction, label: Label, old_id: str, new_id: str) -> None:
    if old_id == new_id:
        return
    if list(tx.run(render("get-nodes", label=label), {"ids": [new_id]})):
        raise StoreError(f"cannot rename {old_id!r}: {new_id!r} exists")
    tx.run(render("rename-node", label=label), {"old": old_id, "new": new_id}).consume()


def _neighbourhood(tx: neo4j.ManagedTransaction, node_id: str, hops: int) -> list[neo4j.Record]:
    """Breadth-first by element id (stable within this transaction), then the subgraph."""
    start = list(tx.run(render("node-element-ids"), {"id": node_id}))
    seen = {r["eid"] for r in start}
    if not seen:
        return []
    frontier = [eid for r in start for eid in r["neighbours"] if eid not in seen] if hops else []
    seen.update(frontier)
    for _ in range(hops - 1):
        if not frontier:
            break
        reached = [r["eid"] for r in tx.run(render("expand"), {"eids": frontier})]
        frontier = [eid for eid in reached if eid not in seen]
        seen.update(frontier)
    query = "subgraph-small" if len(seen) <= SMALL_SUBGRAPH else "subgraph"
    return list(tx.run(render(query), {"eids": sorted(seen)}))


def _node(node_id: str, label: Label, props: Mapping[str, Any]) -> Node:
    return Node(node_id, label, {k: v for k, v in props.items() if k != "id"})
