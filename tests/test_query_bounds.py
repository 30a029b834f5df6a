"""Bounded queries on both stores: statements too long or too deep are refused before any engine
parses them, every query has a timeout, parameters past 64 bits or of absurd length are one-line
errors, and store URIs with a password or a bad port are refused without echoing the password."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from store_helpers import Neo4jTarget
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryLimitError
from kg.query.named import list_queries
from kg.store.base import GraphStore
from kg.store.limits import MAX_CASE_DEPTH, MAX_DEPTH, MAX_LENGTH, check_bounds

runner = CliRunner()

SLOW = (
    "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b "
    "WITH a + b AS s WHERE s % 7 = 3 RETURN count(*) AS n"
)
"""Ten billion rows: minutes on either store."""


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def one_line_error(code: int, out: str, err: str, expected_code: int) -> str:
    assert code == expected_code and out == "", err
    assert err.startswith("kg: error: ") and err.count("\n") == 1, err
    return err


def _nested(depth: int) -> str:
    return "RETURN " + "(" * depth + "1" + ")" * depth + " AS x"


def _cases(depth: int) -> str:
    return "RETURN " + "CASE WHEN true THEN " * depth + "1" + " END" * depth + " AS x"


HOSTILE = {
    "3,000 nested parentheses": _nested(3000),
    "1,000 nested lists": "RETURN " + "[" * 1000 + "1" + "]" * 1000 + " AS x",
    "30 nested CASE": _cases(30),
    "40,000 terms": "RETURN " + "+".join(["1"] * 40_000) + " AS x",
    "a long statement": "RETURN '" + "x" * MAX_LENGTH + "' AS x",
}


# -- size and depth ------------------------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_statements_are_refused_before_parsing(store: GraphStore, name: str) -> None:
    with pytest.raises(QueryLimitError):
        store.run_cypher(HOSTILE[name], {})
    assert store.run_cypher(_nested(MAX_DEPTH - 1), {}) == [{"x": 1}]
    assert store.run_cypher(_cases(MAX_CASE_DEPTH), {}) == [{"x": 1}]


def test_the_cli_refuses_them_in_one_line(ingested: Path) -> None:
    for name, statement in HOSTILE.items():
        err = one_line_error(*kg("cypher", statement, "--graph", ingested), 2)
        assert len(err) < 200, name


def test_the_named_queries_are_well_inside_the_bounds() -> None:
    for query in list_queries():
        for dialect in ("neo4j", "embedded"):
            text = query.cypher(dialect)
            check_bounds(text)
            check_bounds(f"RETURN {'(' * (MAX_DEPTH - 8)}1{')' * (MAX_DEPTH - 8)} AS x UNION {text}")


@given(st.integers(min_value=0, max_value=3 * MAX_DEPTH), st.sampled_from(["()", "[]", "{}"]))
def test_depth_is_bounded_exactly(depth: int, pair: str) -> None:
    statement = f"RETURN {pair[0] * depth}1{pair[1] * depth} AS x"
    if depth <= MAX_DEPTH:
        check_bounds(statement)
    else:
        with pytest.raises(QueryLimitError, match="levels deep"):
            check_bounds(statement)


def test_case_depth_is_not_undone_by_an_end_property() -> None:
    """``x.end`` is a property, not the END of a CASE."""
    hidden = "RETURN " + "CASE WHEN x.end THEN " * (MAX_CASE_DEPTH + 1) + "1" + " END" * (MAX_CASE_DEPTH + 1)
    with pytest.raises(QueryLimitError, match="CASE"):
        check_bounds(hidden)


@given(st.text(max_size=2000))
def test_any_text_is_measured_without_error_or_refused_cleanly(text: str) -> None:
    with contextlib.suppress(QueryLimitError):
        check_bounds(text)


# -- timeouts ------------------------------------------------------------------------------------


def test_a_slow_query_stops_at_the_timeout_on_the_embedded_store(ingested: Path) -> None:
    err = one_line_error(*kg("cypher", SLOW, "--timeout", "0.2", "--graph", ingested), 1)
    assert "0.2 s timeout" in err


@pytest.mark.neo4j
def test_a_slow_query_stops_at_the_timeout_on_neo4j(neo4j_env: Neo4jTarget) -> None:
    err = one_line_error(*kg("cypher", SLOW, "--timeout", "0.5", "--store", neo4j_env.uri), 1)
    assert "0.5 s timeout" in err


def test_query_run_takes_a_timeout(ingested: Path) -> None:
    code, out, err = kg("query", "run", "top-entities", "--timeout", "30", "--graph", ingested, "-f", "csv")
    assert code == 0 and out.startswith("id,name,papers"), err
    code, out, _ = kg("query", "run", "top-entities", "--timeout", "0", "--graph", ingested)
    assert code == 2 and out == ""


def test_the_client_stops_waiting_for_a_server_that_never_answers() -> None:
    from kg.store.neo4j_store import _within

    release = threading.Event()
    try:
        with pytest.raises(TimeoutError):
            _within(0.05, release.wait, 60)
    finally:
        release.set()
    assert _within(5, sum, [1, 2]) == 3


# -- parameters ----------------------------------------------------------------------------------


def test_an_integer_past_64_bits_is_a_message(ingested: Path) -> None:
    big = "99999999999999999999"
    err = one_line_error(*kg("query", "run", "top-entities", "-p", f"limit={big}", "--graph", ingested), 2)
    assert "out of range" in err
    err = one_line_error(*kg("cypher", "RETURN $x AS x", "-p", f"x:=[{big}]", "--graph", ingested), 2)
    assert "out of range" in err


def test_a_huge_name_gets_a_short_message(ingested: Path) -> None:
    huge = "x" * 100_000
    for args in (
        ("query", "run", "papers-using-method", "-p", f"method={huge}"),
        ("query", "run", "shared-methods", "-p", f"paper={huge}"),
        ("method", huge),
    ):
        err = one_line_error(*kg(*args, "--graph", ingested), 1)
        assert len(err) < 400 and "100,000 characters" in err, args[:3]


# -- store URIs ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri", "says"),
    [
        ("bolt://127.0.0.1:7687?password=hunter2", "KG_NEO4J_PASSWORD"),
        ("neo4j://127.0.0.1:7687/?auth=hunter2#x", "KG_NEO4J_PASSWORD"),
        ("bolt://neo4j:hunter2@127.0.0.1:7687", "KG_NEO4J_PASSWORD"),
        ("bolt://127.0.0.1:99999", "1 to 65535"),
        ("bolt://127.0.0.1:0", "1 to 65535"),
        ("bolt://127.0.0.1:hunter2", "1 to 65535"),
        ("bolt://", "no host"),
    ],
)
def test_bad_store_uris_are_refused_without_echoing_secrets(uri: str, says: str) -> None:
    err = one_line_error(*kg("stats", "--store", uri), 1)
    assert says in err and "hunter2" not in err
