"""The read-only guard against hostile Cypher, on both stores: statements that read files, reach
the network or write, however their keywords are hidden (glued to numbers, after comments ended
by any line break, between any whitespace), never run.

The regressions are the statements that got through before: ``1LOAD`` read as one number on the
embedded store, and a ``//`` comment ended by a carriage return on Neo4j.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import ReadOnlyError, StoreError
from kg.model import Label
from kg.store.base import GraphStore
from kg.store.cypher_lexer import LINE_BREAKS, Kind, tokens
from kg.store.read_only import writing_clause

runner = CliRunner()

EMBEDDED_PASSWD = (
    "UNWIND [1] AS x WITH x LIMIT 1LOAD FROM '/etc/passwd' "
    "(file_format='csv', header=false, delim=':') RETURN column0 LIMIT 2"
)
NEO4J_PASSWD = "// x\rLOAD CSV FROM 'file:///etc/passwd' AS row RETURN row[0] LIMIT 2"
NEO4J_CONFIG = "// x\rCALL dbms.listConfig() YIELD name RETURN name LIMIT 2"


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# -- the regressions ----------------------------------------------------------------------------


def test_a_number_glued_to_load_is_refused_on_the_embedded_store(ingested: Path) -> None:
    assert writing_clause(EMBEDDED_PASSWD) == "LOAD FROM"
    for glued in ("1CREATE (n:Paper {id: 'x'})", "1MERGE (n:Paper {id: 'x'})", "1SET x.y = 1"):
        assert writing_clause(f"UNWIND [1] AS x WITH x LIMIT {glued}") is not None, glued
    code, out, err = kg("cypher", EMBEDDED_PASSWD, "--graph", ingested)
    assert code == 2 and out == "" and "root" not in err
    assert err.startswith("kg: error: refused a Cypher statement that writes (LOAD FROM)")


@pytest.mark.neo4j
def test_a_comment_ended_by_a_carriage_return_is_refused_on_neo4j(neo4j_env: Neo4jTarget) -> None:
    assert writing_clause(NEO4J_PASSWD) == "LOAD CSV"
    assert writing_clause(NEO4J_CONFIG) == "CALL dbms.listConfig"
    for statement in (
        NEO4J_PASSWD,
        NEO4J_PASSWD.replace("file:///etc/passwd", "http://127.0.0.1:9/x.csv"),
        NEO4J_CONFIG,
        "// x\u2028CALL dbms.listConfig() YIELD name RETURN name",
        "// x\u2029LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
        "SHOW SETTINGS YIELD name RETURN name",
    ):
        code, out, err = kg("cypher", statement, "--store", neo4j_env.uri)
        assert code == 2 and out == "" and err.count("\n") == 1, statement
        assert "root" not in err and "writes" in err, statement
    code, out, err = kg("cypher", NEO4J_PASSWD, "--write", "--store", neo4j_env.uri)
    assert code == 2 and out == "" and "even with --write" in err


@pytest.mark.neo4j
def test_neo4j_reads_run_in_read_transactions(
    neo4j_target: Neo4jTarget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: with the scan switched off, the server itself refuses a write."""
    import kg.store.read_only

    store = neo4j_target.open()
    try:
        monkeypatch.setattr(kg.store.read_only, "check_read_only", lambda query: None)
        with pytest.raises(StoreError, match=r"(?i)write"):
            store.run_cypher("CREATE (:GuardScratch {id: 'x'})", {})
        monkeypatch.undo()
        rows = store.run_cypher("MATCH (n:GuardScratch) RETURN count(n) AS n", {})
        assert rows == [{"n": 0}]
    finally:
        store.close()


# -- every hiding place, on both stores ---------------------------------------------------------

FORBIDDEN = [
    ("LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') RETURN column0", "LOAD"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD"),
    ("LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row", "LOAD"),
    ("LOAD EXTENSION httpfs", "LOAD"),
    ("COPY Paper FROM '/tmp/kg-guard.csv'", "COPY"),
    ("ATTACH '/tmp/kg-guard.lbug' AS other (dbtype lbug)", "ATTACH"),
    ("INSTALL httpfs", "INSTALL"),
    ("EXPORT DATABASE '/tmp/kg-guard'", "EXPORT"),
    ("IMPORT DATABASE '/tmp/kg-guard'", "IMPORT"),
    ("CREATE (:Paper {id: 'guard'})", "CREATE"),
    ("MERGE (:Paper {id: 'guard'})", "MERGE"),
    ("MATCH (p:Paper) SET p.title = 'x'", "SET"),
    ("MATCH (p:Paper) DELETE p", "DELETE"),
    ("MATCH (p:Paper) DETACH DELETE p", "DETACH"),
    ("MATCH (p:Paper) REMOVE p.title", "REMOVE"),
    ("DROP TABLE Paper", "DROP"),
    ("CALL dbms.listConfig() YIELD name RETURN name", "CALL"),
    ("CALL threads=1", "CALL"),
    ("SHOW SETTINGS YIELD name RETURN name", "SHOW"),
]
BREAKS = [*sorted(LINE_BREAKS), "\r\n"]
SPACES = [
    " ",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1f",
    "\xa0",
    "\u2000",
    "\u2028",
    "\u2029",
    "\u3000",
]
SEPARATOR = st.one_of(
    st.sampled_from(SPACES),
    st.sampled_from([f"//{text}{end}" for text in ("", " x", "*/", "'") for end in BREAKS]),
    st.sampled_from(["/**/", "/* x */", "/*\n*/", "/* // */", "/*'*/"]),
)
GAP = st.lists(SEPARATOR, max_size=3).map("".join)
BEFORE = st.sampled_from(
    [
        "",
        "UNWIND [1] AS x WITH x LIMIT 1",
        "UNWIND [1] AS x WITH x LIMIT 0x1",
        "UNWIND [1] AS x WITH x LIMIT 1_0",
        "UNWIND [1.5e3] AS x WITH x LIMIT 1",
        "RETURN 1 AS y UNION ",
        "MATCH (x) WITH x SKIP 0",
        "WITH 'a\\'' AS x ",
        'WITH "//" AS x ',
        "WITH `x``` AS x ",
        "WITH $p AS x ",
    ]
)


def _swapped(statement: str, swap: list[bool]) -> str:
    words = statement.split(" ")
    return " ".join(w.swapcase() if i < len(swap) and swap[i] else w for i, w in enumerate(words))


@pytest.mark.neo4j
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    forbidden=st.sampled_from(FORBIDDEN),
    before=BEFORE,
    gap=GAP,
    after=GAP,
    swap=st.lists(st.booleans(), max_size=3),
)
@example(forbidden=FORBIDDEN[0], before="UNWIND [1] AS x WITH x LIMIT 1", gap="", after="", swap=[])
@example(forbidden=FORBIDDEN[1], before="", gap="// x\r", after="", swap=[])
@example(forbidden=FORBIDDEN[16], before="", gap="// x\r", after="", swap=[])
def test_forbidden_statements_never_run_however_hidden(
    store: GraphStore, forbidden: tuple[str, str], before: str, gap: str, after: str, swap: list[bool]
) -> None:
    text, word = forbidden
    statement = f"{before}{gap}{_swapped(text, swap)}{after}"
    clause = writing_clause(statement)
    assert clause is not None and clause.split()[0] == word, repr(statement)
    with pytest.raises(ReadOnlyError):
        store.run_cypher(statement, {"p": 1})
    if word in ("CREATE", "MERGE"):
        assert store.stats().nodes.get(Label.PAPER.value, 0) == 0


@given(st.text())
def test_the_lexer_takes_any_text(text: str) -> None:
    """Any text lexes; no token is empty; words are ASCII identifiers (never longer than an engine's)."""
    for token in tokens(text):
        assert token.text or token.kind in (Kind.NAME, Kind.PARAM)
        if token.kind is Kind.WORD:
            assert token.text.isascii() and (token.text[0].isalpha() or token.text[0] == "_")
    writing_clause(text)


@given(st.text(), st.sampled_from(sorted(LINE_BREAKS)))
def test_a_line_comment_ends_at_every_line_break(text: str, end: str) -> None:
    comment = "".join(" " if c in LINE_BREAKS else c for c in text)
    assert writing_clause(f"RETURN 1 // {comment}{end}CREATE (n)") == "CREATE"
    assert writing_clause(f"RETURN 1 // {comment} CREATE (n)") is None


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n:Paper) WHERE n.set = 1 AND n.start IS NULL RETURN n.`load` AS `copy`",
        "WITH 1 AS start, 2 AS stop RETURN start + stop AS s",
        "SHOW INDEXES YIELD name RETURN name",
        "CALL db.labels() YIELD label RETURN label",
        "RETURN 1.5e3 AS x, 0x1F AS y, .5 AS z",
        "MATCH p = (a)-[:USES*1..3]-(b) RETURN count(p) AS n",
        "RETURN 'LOAD CSV' AS s // LOAD\n",
    ],
)
def test_reads_that_look_close_pass(query: str) -> None:
    assert writing_clause(query) is None


def test_file_words_are_refused_even_as_keys() -> None:
    for query in ("MATCH (n) RETURN n.load", "MATCH (n:Copy) RETURN n", "RETURN {attach: 1} AS m"):
        assert writing_clause(query) is not None, query
