"""Real Cypher on the embedded store (a ladybug engine built from the graph file) and the
read-only guard both stores apply.

Parity: the same ingest of the sample corpus in both stores, the same Cypher (or, where the
dialects differ, the documented variants side by side: docs/CYPHER_DIALECTS.md), identical rows.
Then the engine's life cycle (built once a graph version, rebuilt after an ingest, never a
half-built one), text round-trips, and the guard.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_helpers import Neo4jTarget

from kg.build import ingest
from kg.errors import ReadOnlyError, StoreError
from kg.model import Label, RelType
from kg.store.base import GraphStore
from kg.store.cypher_lexer import LINE_BREAKS
from kg.store.embedded_cypher import engine_dir
from kg.store.neo4j_store import Neo4jStore
from kg.store.nx_store import NetworkXStore
from kg.store.read_only import check_read_only, writing_clause

# -- parity on the sample corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pair(
    ingested: Path, neo4j_target: Neo4jTarget, sample: list[Path]
) -> Iterator[tuple[NetworkXStore, Neo4jStore]]:
    """(embedded, Neo4j) holding the same ingest of the sample corpus."""
    neo = neo4j_target.open()
    neo.clear()
    ingest(neo, sample)
    yield NetworkXStore(ingested, create=False), neo
    neo.close()


def _both(
    pair: tuple[NetworkXStore, Neo4jStore], query: str | tuple[str, str], **params: Any
) -> list[dict[str, Any]]:
    """Rows of the query on both stores (a pair of texts: (Neo4j, embedded)), asserted equal."""
    embedded, neo = pair
    neo_text, embedded_text = (query, query) if isinstance(query, str) else query
    rows = embedded.run_cypher(embedded_text, params)
    assert rows == neo.run_cypher(neo_text, params)
    return rows


def _paper_with_methods(store: GraphStore, at_least: int) -> str:
    rows = store.run_cypher(
        "MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method) WITH p, count(m) AS n WHERE n >= $n "
        "RETURN p.id AS id ORDER BY n DESC, id LIMIT 1",
        {"n": at_least},
    )
    return str(rows[0]["id"])


@pytest.mark.neo4j
def test_match_with_parameters_lists_and_nulls(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    embedded, _ = pair
    paper = next(embedded.iter_nodes(Label.PAPER))
    rows = _both(
        pair,
        "MATCH (p:Paper {id: $id}) RETURN p.title AS title, p.abstract AS abstract, p.sources AS sources, "
        "p.authors AS authors, p.arxiv_id AS arxiv_id, p.upvotes AS upvotes",
        id=paper.id,
    )
    assert rows == [
        {
            "title": paper.props["title"],
            "abstract": paper.props["abstract"],
            "sources": paper.props["sources"],
            "authors": paper.props.get("authors"),
            "arxiv_id": None,
            "upvotes": paper.props.get("upvotes"),
        }
    ]
    aliased = _both(
        pair,
        "MATCH (m:Method) WHERE size(m.aliases) > 0 RETURN m.id AS id, m.aliases AS aliases ORDER BY id",
    )
    assert len(aliased) > 10 and all(isinstance(r["aliases"], list) for r in aliased)
    _both(pair, "MATCH (m:ModelFamily) RETURN m.id AS id, m.aliases AS aliases ORDER BY id")  # empty lists


@pytest.mark.neo4j
def test_every_node_and_edge_reads_the_same(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    """Whole nodes and relationships come back as their properties: every abstract, evidence
    sentence and list survives the bulk load exactly."""
    for label in Label:
        rows = _both(pair, f"MATCH (n:{label.value}) RETURN n ORDER BY n.id")
        assert len(rows) == pair[0].stats().nodes[label.value]
    for rel in RelType:
        rows = _both(
            pair,
            f"MATCH (a)-[r:{rel.value}]->(b) RETURN a.id AS source, b.id AS target, r ORDER BY source, target",
        )
        assert len(rows) == pair[0].stats().edges[rel.value]


@pytest.mark.neo4j
def test_aggregation_with_order_and_optional_match(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    counts = _both(
        pair,
        "MATCH (p:Paper)-[:PROPOSES|USES]->(m:Method) WITH m, count(p) AS papers WHERE papers >= $min "
        "RETURN m.name AS name, papers ORDER BY papers DESC, name",
        min=2,
    )
    assert counts and counts[0]["papers"] >= counts[-1]["papers"] >= 2
    totals = _both(
        pair,
        "MATCH (p:Paper)-[r:USES]->() RETURN sum(r.mentions) AS mentions, count(*) AS edges, "
        "round(avg(r.confidence), 9) AS confidence, max(r.`end`) AS last",
    )
    assert isinstance(totals[0]["mentions"], int)
    rows = _both(
        pair,
        "MATCH (p:Paper) OPTIONAL MATCH (p)-[r:HAS_CODE]->(repo:Repo) "
        "RETURN p.id AS id, repo.url AS url, r.confidence AS confidence ORDER BY id, url",
    )
    assert any(r["url"] is None for r in rows) and any(r["url"] is not None for r in rows)


@pytest.mark.neo4j
def test_collect_sorted_and_two_hops(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    """Papers sharing >= k methods with a paper, ranked, with the shared methods: collect() keeps
    no order on the embedded engine, so each dialect sorts its own way (docs/CYPHER_DIALECTS.md)."""
    paper = _paper_with_methods(pair[0], 3)
    shared = (
        "MATCH (p:Paper {id: $paper})-[:PROPOSES|USES]->(m:Method)<-[:PROPOSES|USES]-(other:Paper) "
        "WHERE other.id <> p.id WITH DISTINCT other, m ORDER BY m.name "
        "WITH other, collect(m.name) AS shared WHERE size(shared) >= $k "
        "RETURN other.id AS id, size(shared) AS n, shared ORDER BY n DESC, id",
        "MATCH (p:Paper {id: $paper})-[:PROPOSES|USES]->(m:Method)<-[:PROPOSES|USES]-(other:Paper) "
        "WHERE other.id <> p.id WITH other, collect(DISTINCT m.name) AS shared WHERE size(shared) >= $k "
        "RETURN other.id AS id, size(shared) AS n, list_sort(shared) AS shared ORDER BY n DESC, id",
    )
    rows = _both(pair, shared, paper=paper, k=1)
    assert rows and all(r["shared"] == sorted(r["shared"]) for r in rows)
    assert _both(pair, shared, paper=paper, k=2) == [r for r in rows if r["n"] >= 2]


@pytest.mark.neo4j
def test_paths_and_relationships_read_as_properties(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    paper = _paper_with_methods(pair[0], 1)
    rows = _both(
        pair,
        "MATCH path = (p:Paper {id: $id})-[r:PROPOSES|USES]->(m:Method) RETURN path, r, m ORDER BY m.id",
        id=paper,
    )
    first = rows[0]
    assert first["path"] == [rows[0]["path"][0], first["r"], first["m"]]
    assert first["m"]["id"].startswith("method:") and "evidence" in first["r"]


@pytest.mark.neo4j
def test_parameters_never_become_cypher(pair: tuple[NetworkXStore, Neo4jStore]) -> None:
    embedded, neo = pair
    before = neo.stats()
    for attempt in (
        "'}) DETACH DELETE n //",
        '"}) MATCH (n) DETACH DELETE n RETURN 1 AS x //',
        "x` DELETE n",
    ):
        assert _both(pair, "MATCH (p:Paper {id: $id}) RETURN p.id AS id", id=attempt) == []
        assert _both(pair, "MATCH (p:Paper) WHERE p.title = $t RETURN count(*) AS n", t=attempt) == [{"n": 0}]
    assert neo.stats() == before == embedded.stats()


@pytest.mark.neo4j
def test_writes_are_refused_unless_allowed(store: GraphStore) -> None:
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}])
    store.commit()
    with pytest.raises(ReadOnlyError, match="DETACH DELETE"):
        store.run_cypher("MATCH (n) DETACH DELETE n", {})
    if isinstance(store, NetworkXStore):
        with pytest.raises(ReadOnlyError, match="store of record"):
            store.run_cypher("CREATE (:Paper {id: $id})", {"id": "p2"}, write=True)
        assert store.run_cypher("MATCH (p:Paper) RETURN p.id AS id", {}, write=True) == [{"id": "p1"}]
    else:
        store.run_cypher("CREATE (:Paper {id: $id, title: $title})", {"id": "p2", "title": "Two"}, write=True)
    expected = 1 if isinstance(store, NetworkXStore) else 2
    assert store.stats().nodes["Paper"] == expected


def test_engine_errors_are_one_line(graph_path: Path) -> None:
    store = NetworkXStore(graph_path)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}])
    store.commit()
    for bad in ("MATCH (n RETURN n", "MATCH (p:Paper) RETURN p.nope", "RETURN 1; RETURN 2"):
        with pytest.raises(StoreError) as err:
            store.run_cypher(bad, {})
        assert "\n" not in str(err.value) and "Traceback" not in str(err.value)


# -- the engine's life cycle ----------------------------------------------------------------------


def _engines(graph_path: Path) -> list[Path]:
    return sorted(engine_dir(graph_path).glob("engine-*"))


def _count(store: NetworkXStore) -> int:
    return int(store.run_cypher("MATCH (p:Paper) RETURN count(*) AS n", {})[0]["n"])


def test_engine_is_built_once_per_graph_version(graph_path: Path, sample: list[Path]) -> None:
    ingest(NetworkXStore(graph_path), sample[:2])
    first = NetworkXStore(graph_path, create=False)
    papers = first.stats().nodes["Paper"]
    assert _count(first) == papers
    [engine] = _engines(graph_path)
    built = engine.stat()
    again = NetworkXStore(graph_path, create=False)  # another process, the same graph file
    assert _count(again) == papers
    assert _engines(graph_path) == [engine] and engine.stat().st_mtime_ns == built.st_mtime_ns
    assert engine.stat().st_ino == built.st_ino

    ingest(again, sample[2:])  # commits a new graph file
    more = again.stats().nodes["Paper"]
    assert more > papers and _count(again) == more
    assert _count(NetworkXStore(graph_path, create=False)) == more
    [rebuilt] = _engines(graph_path)
    assert rebuilt != engine  # the stale engine is gone


def test_uncommitted_writes_are_seen_in_memory(graph_path: Path) -> None:
    store = NetworkXStore(graph_path)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}])
    store.commit()
    assert _count(store) == 1
    store.upsert_nodes(Label.PAPER, [{"id": "p2", "title": "Two"}])
    assert _count(store) == 2  # an in-memory engine of the current graph
    assert _count(NetworkXStore(graph_path, create=False)) == 1  # the file's engine is untouched
    memory = NetworkXStore(None)
    memory.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "One"}])
    assert _count(memory) == 1
    memory.upsert_nodes(Label.PAPER, [{"id": "p1", "title": "Uno"}])
    assert memory.run_cypher("MATCH (p:Paper) RETURN p.title AS t", {}) == [{"t": "Uno"}]


CRASH = """
import os, sys
from pathlib import Path
import kg.store.engine_build as build
from kg.store.nx_store import NetworkXStore

def crash(*args, **kwargs):
    os._exit(9)  # dies mid-build: tables created and loading, nothing renamed yet

build._finish = crash
NetworkXStore(Path(sys.argv[1]), create=False).run_cypher("RETURN 1 AS x", {})
"""


def test_a_crashed_build_is_never_used(graph_path: Path, sample: list[Path]) -> None:
    ingest(NetworkXStore(graph_path), sample[:1])
    shutil.rmtree(engine_dir(graph_path))  # a graph whose engine is not built yet (an older file)
    script = textwrap.dedent(CRASH)
    done = subprocess.run([sys.executable, "-c", script, str(graph_path)], check=False, env=os.environ.copy())
    assert done.returncode == 9
    leftovers = sorted(p.name for p in engine_dir(graph_path).iterdir())
    assert leftovers and not any(name.startswith("engine-") for name in leftovers)
    store = NetworkXStore(graph_path, create=False)
    assert _count(store) == store.stats().nodes["Paper"]
    assert [p.name.startswith("engine-") for p in engine_dir(graph_path).iterdir()] == [True]


def test_a_damaged_engine_is_rebuilt(graph_path: Path, sample: list[Path]) -> None:
    ingest(NetworkXStore(graph_path), sample[:1])
    store = NetworkXStore(graph_path, create=False)
    papers = _count(store)
    [engine] = _engines(graph_path)
    engine.write_bytes(b"not a database" * 100)
    assert _count(NetworkXStore(graph_path, create=False)) == papers


# -- any text round-trips through the bulk load ---------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
NASTY = "a\x00b\x1c\x1d\x1e\x1f\n\r\t\"',[]{}\\ ü🚀\u2028\x85"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(title=NASTY, items=[NASTY, "", "x"], upvotes=None)
@example(title="", items=[""], upvotes=0)
@given(title=TEXT, items=st.lists(TEXT, max_size=4), upvotes=st.none() | st.integers(-(2**62), 2**62))
def test_text_lists_and_nulls_round_trip(title: str, items: list[str], upvotes: int | None) -> None:
    store = NetworkXStore(None)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "title": title, "sources": items, "upvotes": upvotes}])
    store.upsert_nodes(Label.METHOD, [{"id": "method:m", "name": title, "aliases": []}])
    store.upsert_edges(RelType.USES, [("p1", "method:m", {"evidence": title, "confidence": 0.25})])
    rows = store.run_cypher(
        "MATCH (p:Paper)-[r:USES]->(m:Method) RETURN p.title AS title, p.sources AS sources, "
        "p.upvotes AS upvotes, p.abstract AS abstract, r.evidence AS evidence, m.aliases AS aliases",
        {},
    )
    assert rows == [
        {
            "title": title,
            "sources": items,
            "upvotes": upvotes,
            "abstract": None,
            "evidence": title,
            "aliases": [],
        }
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(names=["null", "NULL", "a b", "ü🚀", "(x)", "1", "true", "x" * 300], plain=True)
@example(names=["a, b", "[x]", "'q'", '"q"', "back\\slash", " lead", "trail ", "{m}"], plain=False)
@given(names=st.lists(TEXT, max_size=6), plain=st.booleans())
def test_lists_of_many_rows_round_trip(names: list[str], plain: bool) -> None:
    """Lists are written in the engine's list syntax when every item of the column allows it,
    else escaped in a helper column: both ways, every row reads back as written."""
    store = NetworkXStore(None)
    rows: list[dict[str, Any]] = [{"id": f"p{i}", "authors": names[i:]} for i in range(len(names) + 1)]
    rows.append({"id": "p-none", "authors": None})
    if not plain:
        rows.append({"id": "p-odd", "authors": ["needs, escaping", ""]})
    store.upsert_nodes(Label.PAPER, rows)
    got = store.run_cypher("MATCH (p:Paper) RETURN p.id AS id, p.authors AS authors", {})
    assert sorted(got, key=lambda r: r["id"]) == sorted(
        ({"id": r["id"], "authors": r["authors"]} for r in rows), key=lambda r: r["id"]
    )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ints=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=4),
    floats=st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=4),
    flags=st.lists(st.booleans(), max_size=4),
)
def test_number_and_boolean_lists_round_trip(ints: list[int], floats: list[float], flags: list[bool]) -> None:
    store = NetworkXStore(None)
    store.upsert_nodes(Label.PAPER, [{"id": "p1", "ints": ints, "floats": floats, "flags": flags}])
    rows = store.run_cypher("MATCH (p:Paper) RETURN p.ints AS i, p.floats AS f, p.flags AS b", {})
    assert rows == [{"i": ints, "f": floats, "b": flags}]


def test_properties_no_row_has_are_still_columns() -> None:
    """Columns without a single value are left out of the bulk load and added after it."""
    store = NetworkXStore(None)
    store.upsert_nodes(Label.PAPER, [{"id": "p1"}])
    store.upsert_nodes(Label.AUTHOR, [{"id": "author:a", "name": "A"}])
    store.upsert_edges(RelType.WROTE, [("author:a", "p1", {})])
    rows = store.run_cypher(
        "MATCH (a:Author)-[r:WROTE]->(p:Paper) RETURN p.title AS title, p.authors AS authors, "
        "p.upvotes AS upvotes, r.evidence AS evidence, r.position AS position, r.confidence AS confidence, "
        "a.aliases AS aliases",
        {},
    )
    assert rows == [
        {
            "title": None,
            "authors": None,
            "upvotes": None,
            "evidence": None,
            "position": None,
            "confidence": None,
            "aliases": None,
        }
    ]


def test_other_properties_get_typed_columns() -> None:
    store = NetworkXStore(None)
    store.upsert_nodes(
        Label.PAPER,
        [{"id": "p1", "score": 1, "flags": [True, False], "ratios": [1, 2.5]}, {"id": "p2", "score": 2.5}],
    )
    rows = store.run_cypher(
        "MATCH (p:Paper) RETURN p.score AS s, p.flags AS f, p.ratios AS r ORDER BY p.id", {}
    )
    assert rows == [{"s": 1.0, "f": [True, False], "r": [1.0, 2.5]}, {"s": 2.5, "f": None, "r": None}]
    store.upsert_nodes(Label.PAPER, [{"id": "p3", "score": "high"}])
    with pytest.raises(StoreError, match="one type a property"):
        store.run_cypher("RETURN 1 AS x", {})


# -- the read-only guard --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "clause"),
    [
        ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
        ("match (n) set n.x = 1", "SET"),
        ("MERGE (n:Paper {id: 'x'})", "MERGE"),
        ("MATCH (n) REMOVE n.title", "REMOVE"),
        ("DROP TABLE Paper", "DROP TABLE"),
        ("LOAD CSV FROM 'file:///x' AS row RETURN row", "LOAD CSV"),
        ("LOAD FROM 'x.csv' RETURN *", "LOAD FROM"),
        ("INSTALL json", "INSTALL"),
        ("COPY Paper FROM 'x.csv'", "COPY"),
        ("ALTER TABLE Paper ADD x INT64", "ALTER TABLE"),
        ("CALL apoc.create.node(['X'], {})", "CALL apoc.create.node"),
        ("CALL `apoc.periodic.iterate`('a', 'b', {})", "CALL apoc.periodic.iterate"),
        ("CALL threads=4", "CALL threads"),
        ("MATCH (n) CALL { WITH n CREATE (m) } RETURN n", "CREATE"),
        ("RETURN 'unterminated CREATE", "CREATE"),
        ("/* unterminated */ RETURN 1 /* DELETE", "DELETE"),
        ("UNWIND [1] AS x FOREACH (y IN [x] | CREATE ())", "FOREACH"),
    ],
)
def test_writing_statements_are_named(query: str, clause: str) -> None:
    assert writing_clause(query) == clause
    with pytest.raises(ReadOnlyError, match=clause):
        check_read_only(query)


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (p:Paper {title: 'How to CREATE and DELETE'}) RETURN p // then SET it",
        'MATCH (p) WHERE p.title CONTAINS "merge" RETURN p /* DROP */',
        "MATCH (n:Create) WHERE n.set = 1 RETURN n.`delete` AS `remove`, {merge: 1} AS m",
        "CALL db.labels() YIELD label RETURN label",
        "CALL show_tables() RETURN *",
        "CALL { MATCH (n) RETURN n } RETURN count(*) AS n",
        "MATCH (p:Paper) WHERE p.id = $create RETURN p",
        "RETURN 'it\\'s DETACH DELETE' AS s",
    ],
)
def test_reading_statements_pass(query: str) -> None:
    assert writing_clause(query) is None


def _cypher_string(text: str, quote: str) -> str:
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


@given(text=st.text(), quote=st.sampled_from(["'", '"']))
def test_write_words_inside_literals_and_comments_are_allowed(text: str, quote: str) -> None:
    literal = _cypher_string(f"CREATE {text} DETACH DELETE", quote)
    assert writing_clause(f"MATCH (p:Paper) WHERE p.title = {literal} RETURN p") is None
    comment = "".join(" " if char in LINE_BREAKS else char for char in text)
    assert writing_clause(f"MATCH (p) RETURN p // {comment} DELETE") is None
    assert writing_clause(f"MATCH (p) /* {text.replace('*/', '')} SET */ RETURN p") is None
    assert writing_clause(f"MATCH (p) RETURN p.`{text.replace('`', '``')} merge`") is None


WRITES = st.sampled_from(
    ["CREATE (n)", "MERGE (n:X)", "SET n.x = 1", "DELETE n", "DETACH DELETE n", "REMOVE n.x", "DROP TABLE X"]
)


@given(
    write=WRITES,
    before=st.sampled_from(["MATCH (n) ", "MATCH (n) WITH n ", "OPTIONAL MATCH (n) ", ""]),
    noise=st.text(alphabet=" \t\n", max_size=3),
    swap=st.booleans(),
)
def test_write_clauses_are_refused_however_written(write: str, before: str, noise: str, swap: bool) -> None:
    text = write.swapcase() if swap else write
    clause = writing_clause(f"{before}{noise}{text}{noise} RETURN 1")
    assert clause is not None and clause.split()[0] == write.split()[0].upper()
