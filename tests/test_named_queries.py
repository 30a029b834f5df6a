"""The named queries (queries/*.cypher) on the sample graph, on both stores.

Every query gives the same rows on the embedded store and on a real Neo4j; several are checked
against a plain-Python computation over the store interface, a few against hand-checked facts
of the sample corpus. Parameters are parsed, coerced and resolved by declared type; hostile
values travel as parameters and change nothing.
"""

from __future__ import annotations

import contextlib
import shlex
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from query_helpers import (
    ADOPTERS,
    CASES,
    COMPACT,
    KD_PAPERS,
    MASKLLM,
    MINIPLM,
    MINIPLM_TITLE,
    NTP_PAPER,
    case_id,
    embedded_cypher_or_skip,
    load_sample,
)
from store_helpers import Neo4jTarget, dump

from kg.build import ingest
from kg.concepts.similar import ENTITY_WEIGHT, SimilarityIndex, combine, entity_vectors
from kg.errors import NotFoundError, ReadOnlyError
from kg.model import Label, RelType
from kg.query.named import (
    DIALECTS,
    QueryFileError,
    UnknownQueryError,
    dialect_of,
    get_query,
    list_queries,
    parse_query,
    query_names,
    return_columns,
    run_named_query,
)
from kg.query.native import FUNCTIONS
from kg.query.params import Param, ParameterError, coerce, parse_assignments, parse_param_line
from kg.resolve_names import resolve_entity, resolve_paper_id
from kg.store.base import GraphStore
from kg.store.neo4j_store import Neo4jStore
from kg.store.nx_store import NetworkXStore
from kg.store.read_only import check_read_only

QUERIES_DIR = Path(__file__).resolve().parents[1] / "queries"


@pytest.fixture(scope="module")
def neo(neo4j_target: Neo4jTarget) -> Iterator[Neo4jStore]:
    store = neo4j_target.open()
    yield store
    store.close()


@pytest.fixture
def sample_neo4j(neo: Neo4jStore, ingested: Path) -> Neo4jStore:
    """The session's Neo4j holding the sample graph."""
    return load_sample(neo, ingested)


@pytest.fixture(scope="module")
def sample_nx(ingested: Path) -> NetworkXStore:
    return NetworkXStore(ingested, create=False)


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def sample_store(request: pytest.FixtureRequest, sample_nx: NetworkXStore) -> GraphStore:
    """The sample graph in each store kind (the embedded one once it runs Cypher)."""
    if request.param == "embedded":
        return embedded_cypher_or_skip(sample_nx)
    store: GraphStore = request.getfixturevalue("sample_neo4j")
    return store


# -- the library of query files ------------------------------------------------------------------


def test_every_query_file_is_in_the_library_with_a_complete_header() -> None:
    files = sorted(p.stem for p in QUERIES_DIR.glob("*.cypher"))
    assert query_names() == files
    assert {
        "papers-using-method",
        "shared-methods",
        "method-adopters",
        "method-cooccurrence",
        "top-entities",
        "family-timeline",
        "papers-with-code",
        "similar-papers",
        "connection",
    } <= set(files)
    for query in list_queries():
        assert query.title and query.description and query.examples, query.name
        assert query.read_only, query.name
        assert query.columns, query.name
        for dialect in DIALECTS:
            if dialect in query.native:
                assert query.native[dialect] in FUNCTIONS, query.name
                continue
            check_read_only(query.cypher(dialect))  # the guard agrees with the header
            assert return_columns(query.cypher(dialect)) == query.columns
            assert "ORDER BY" in query.cypher(dialect), f"{query.name}: rank deterministically"
        for param in query.params:
            assert param.description, f"{query.name}: ${param.name}"


def test_every_query_has_a_case() -> None:
    # method-adopters has its own graph (test_method_adopters_give_the_same_rows_on_both_stores).
    assert {name for name, _ in CASES} | {"method-adopters"} == set(query_names())


def test_dialect_sections_differ_only_where_marked() -> None:
    query = get_query("connection")
    assert "allShortestPaths" in query.cypher("neo4j") and "SHORTEST" not in query.cypher("neo4j")
    assert query.native == {"embedded": "connection"}
    assert "kg.query.native.connection" in query.cypher("embedded")
    similar = get_query("similar-papers")
    assert "list_sort" in similar.cypher("embedded") and "list_sort" not in similar.cypher("neo4j")
    top = get_query("top-entities")
    assert top.cypher("neo4j") == top.cypher("embedded")


def test_unknown_query_lists_the_valid_names() -> None:
    with pytest.raises(UnknownQueryError) as err:
        get_query("shared-method")
    message = str(err.value)
    assert "did you mean shared-methods" in message
    assert all(name in message for name in query_names())
    assert "\n" not in message


# -- header parsing ------------------------------------------------------------------------------

HEADER = """// name: demo
// title: A demo
// description: Two lines
//   of description.
// parameters:
//   $paper: paper -- the paper
//   $k: integer = 2 -- at least k
//   $since: date = none -- optional
// read-only: yes
// example: kg query run demo -p paper=x
"""


def test_a_header_is_parsed_with_its_dialect_sections() -> None:
    query = parse_query(
        HEADER
        + "MATCH (p:Paper {id: $paper}) WHERE $since = '' OR p.listed >= $since\n"
        + "// dialect: neo4j\nWITH p LIMIT $k\n// dialect: embedded\nWITH p SKIP 0 LIMIT $k\n// dialect: end\n"
        + "RETURN p.id AS id, p.title\nORDER BY id\n"
    )
    assert (query.name, query.title, query.description) == ("demo", "A demo", "Two lines of description.")
    assert [p.signature() for p in query.params] == ["paper: paper", "k: integer = 2", "since: date = none"]
    assert query.params[1].default == 2 and query.params[2].absent == ""
    assert "WITH p LIMIT $k" in query.cypher("neo4j") and "SKIP 0" not in query.cypher("neo4j")
    assert "WITH p SKIP 0 LIMIT $k" in query.cypher("embedded")
    assert query.columns == ["id", "p.title"]
    assert query.examples == ("kg query run demo -p paper=x",)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("MATCH (p) RETURN p.id AS id, $other AS o\n", "undeclared parameters other"),
        ("MATCH (p) RETURN p.id AS id\n", "declared but unused parameters"),
        ("// dialect: neo4j\nRETURN $paper, $k, $since\n", "not closed"),
        ("// dialect: oracle\nRETURN $paper, $k, $since\n// dialect: end\n", "unknown dialect"),
        ("", "no statement"),
    ],
)
def test_a_bad_query_file_is_refused(body: str, error: str) -> None:
    with pytest.raises(QueryFileError, match=error):
        parse_query(HEADER + body, "queries/demo.cypher")


def test_a_header_without_a_field_or_with_an_unknown_type_is_refused() -> None:
    with pytest.raises(QueryFileError, match="no 'read-only' field"):
        parse_query(HEADER.replace("// read-only: yes\n", "") + "RETURN $paper, $k, $since\n")
    with pytest.raises(QueryFileError, match="unknown type"):
        parse_query(HEADER.replace("integer = 2", "money = 2") + "RETURN $paper, $k, $since\n")


# -- parameters ----------------------------------------------------------------------------------

_KEY = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True)


@given(key=_KEY, value=st.text(max_size=40))
def test_key_value_assignments_keep_the_value_verbatim(key: str, value: str) -> None:
    assert parse_assignments([f"{key}={value}"]) == {key: value}


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@given(key=_KEY, value=_JSON)
def test_json_assignments_parse_json(key: str, value: Any) -> None:
    import json

    assert parse_assignments([f"{key}:={json.dumps(value)}"]) == {key: value}


def test_bad_assignments_are_refused() -> None:
    with pytest.raises(ParameterError, match="expected -p key=value"):
        parse_assignments(["no-equals"])
    with pytest.raises(ParameterError, match="given twice"):
        parse_assignments(["a=1", "a=2"])
    with pytest.raises(ParameterError, match="not valid JSON"):
        parse_assignments(["a:=[1,"])


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_integers_coerce_from_their_text(number: int) -> None:
    assert coerce(Param("k", "integer"), str(number)) == number


@given(st.integers(min_value=2**63) | st.integers(max_value=-(2**63) - 1))
def test_integers_past_64_bits_are_refused(number: int) -> None:
    with pytest.raises(ParameterError, match="out of range"):
        coerce(Param("k", "integer"), str(number))


@given(st.text().filter(lambda s: not s.strip().lstrip("+-").replace("_", "").isdigit()))
def test_non_integers_are_refused(text: str) -> None:
    with pytest.raises(ParameterError, match="expected an integer"):
        coerce(Param("k", "integer"), text)


@given(st.dates())
def test_dates_coerce_at_every_precision(day: Any) -> None:
    param = Param("since", "date")
    iso = day.isoformat()
    if len(iso) == 10:  # years 0001-9999
        assert coerce(param, iso) == iso
        assert coerce(param, iso[:7]) == iso[:7]
        assert coerce(param, iso[:4]) == iso[:4]


@pytest.mark.parametrize("bad", ["2026-13", "2026-00-01", "26-01-01", "2026/01/01", "today", "2026-01-32"])
def test_bad_dates_are_refused(bad: str) -> None:
    with pytest.raises(ParameterError, match="expected a date"):
        coerce(Param("since", "date"), bad)


def test_booleans_floats_and_choices() -> None:
    assert [coerce(Param("b", "boolean"), v) for v in ("yes", "TRUE", "0", "off")] == [
        True,
        True,
        False,
        False,
    ]
    assert coerce(Param("x", "float"), "0.25") == 0.25
    with pytest.raises(ParameterError, match="finite"):
        coerce(Param("x", "float"), "nan")
    kind = parse_param_line("$kind: choice(method|dataset) = method -- what")
    assert (kind.choices, kind.default, kind.description) == (("method", "dataset"), "method", "what")
    with pytest.raises(ParameterError, match="expected one of method, dataset"):
        coerce(kind, "method'}) DETACH DELETE n //")


def test_missing_and_unknown_parameters_list_the_valid_ones(sample_nx: NetworkXStore) -> None:
    with pytest.raises(ParameterError) as err:
        run_named_query(sample_nx, "shared-methods", {})
    assert "needs parameter paper" in str(err.value) and "k: integer = 1" in str(err.value)
    with pytest.raises(ParameterError) as err:
        run_named_query(sample_nx, "shared-methods", {"paper": MINIPLM, "kk": "2"})
    assert "no parameter kk" in str(err.value) and "paper: paper" in str(err.value)


# -- resolving papers and entities ---------------------------------------------------------------


@pytest.fixture
def tiny() -> NetworkXStore:
    """A small graph with an arXiv paper, a hashed-id paper and methods with aliases."""
    store = NetworkXStore(None)
    store.upsert_nodes(
        Label.PAPER,
        [
            {
                "id": "2410.17215",
                "arxiv_id": "2410.17215",
                "title": "MiniPLM: Knowledge Distillation",
                "title_key": "miniplm knowledge distillation",
            },
            {"id": "abc123", "title": "Another Paper", "title_key": "another paper"},
        ],
    )
    store.upsert_nodes(
        Label.METHOD,
        [
            {"id": "method:knowledge-distillation", "name": "knowledge distillation", "aliases": ["KD"]},
            {"id": "method:kd-loss", "name": "KD loss", "aliases": ["kd"]},
            {"id": "method:x", "name": "weird 'name'", "aliases": []},
        ],
    )
    return store


@pytest.mark.parametrize(
    "ref",
    [
        "2410.17215",
        "2410.17215v2",
        "arXiv:2410.17215",
        "https://arxiv.org/abs/2410.17215v1",
        "https://arxiv.org/pdf/2410.17215",
        "miniplm: KNOWLEDGE distillation",
        "  MiniPLM: Knowledge Distillation ",
    ],
)
def test_a_paper_is_named_by_id_arxiv_id_url_or_exact_title(tiny: NetworkXStore, ref: str) -> None:
    assert resolve_paper_id(tiny, ref) == "2410.17215"


def test_an_unknown_paper_suggests_close_titles(tiny: NetworkXStore) -> None:
    with pytest.raises(NotFoundError) as err:
        resolve_paper_id(tiny, "MiniPLM")
    assert "no paper" in str(err.value) and "MiniPLM: Knowledge Distillation (2410.17215)" in str(err.value)


def test_an_entity_is_named_by_canonical_name_alias_or_id(tiny: NetworkXStore) -> None:
    assert resolve_entity(tiny, "method", "Knowledge Distillation") == "method:knowledge-distillation"
    assert resolve_entity(tiny, "method", "method:kd-loss") == "method:kd-loss"
    assert resolve_entity(tiny, "method", "kd loss") == "method:kd-loss"
    # "KD" is an alias of both: the canonical name "KD loss" does not match, so the smallest id wins
    assert resolve_entity(tiny, "method", "kd") == "method:kd-loss"
    assert resolve_entity(tiny, "method", "WEIRD 'NAME'") == "method:x"
    with pytest.raises(NotFoundError, match="no method named 'distilation'; close: knowledge distillation"):
        resolve_entity(tiny, "method", "distilation")


# -- every query on both stores ------------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_both_stores_give_the_same_rows(
    case: tuple[str, dict[str, Any]], sample_nx: NetworkXStore, sample_neo4j: Neo4jStore
) -> None:
    name, params = case
    expected = run_named_query(sample_neo4j, name, params)
    assert expected, f"{name}: the case should return rows"
    assert list(expected[0]) == get_query(name).columns
    embedded = embedded_cypher_or_skip(sample_nx)
    assert run_named_query(embedded, name, params) == expected


def test_the_store_kind_picks_the_dialect(sample_nx: NetworkXStore, tmp_path: Path) -> None:
    assert dialect_of(sample_nx) == "embedded"
    assert dialect_of(NetworkXStore(tmp_path / "g.json")) == "embedded"


@pytest.mark.neo4j
def test_neo4j_speaks_the_neo4j_dialect(sample_neo4j: Neo4jStore) -> None:
    assert dialect_of(sample_neo4j) == "neo4j"


# -- hand-checked expectations -------------------------------------------------------------------


def test_miniplm_shares_knowledge_distillation(sample_store: GraphStore) -> None:
    rows = run_named_query(sample_store, "shared-methods", {"paper": MINIPLM_TITLE.lower()})
    sharing_kd = {r["paper"]: r["title"] for r in rows if "knowledge distillation" in r["methods"]}
    assert sharing_kd == KD_PAPERS
    assert [r["shared"] for r in rows] == sorted((r["shared"] for r in rows), reverse=True)


def test_knowledge_distillation_is_used_not_proposed(sample_store: GraphStore) -> None:
    """MiniPLM and the compact-models paper build on knowledge distillation; neither proposes it."""
    assert run_named_query(sample_store, "papers-using-method", {"method": "KD", "role": "proposed"}) == []
    every = run_named_query(sample_store, "papers-using-method", {"method": "knowledge distillation"})
    assert {r["paper"] for r in every} == {MINIPLM, *KD_PAPERS}
    assert all(r["role"] == "used" for r in every)
    sinkhorn = next(r for r in every if r["paper"] == "675247d54e3366d2")
    assert sinkhorn["datasets"] == ["GLUE", "SuperGLUE"]


def test_miniplm_and_compact_models_are_connected_by_knowledge_distillation(sample_store: GraphStore) -> None:
    rows = run_named_query(sample_store, "connection", {"paper": MINIPLM, "other": COMPACT})
    assert [(r["step"], r["label"], r["id"]) for r in rows] == [
        (0, "Paper", MINIPLM),
        (1, "Method", "method:knowledge-distillation"),
        (2, "Paper", COMPACT),
    ]
    assert [r["via"] for r in rows] == [None, "USES", "USES"]


def test_adopters_are_later_than_the_proposer(tmp_path: Path) -> None:
    """FlowPrune is proposed in January; the May and September papers adopt it (a later paper
    that says "we build on FlowPrune" uses it: the first paper to name a method proposes it)."""
    store = NetworkXStore(tmp_path / "graph.json")
    ingest(store, [ADOPTERS])
    rows = run_named_query(store, "method-adopters", {"method": "FlowPrune"})
    assert [(r["proposer"], r["paper"], r["role"]) for r in rows] == [
        ("2401.00001", "2405.00002", "used"),
        ("2401.00001", "2409.00003", "used"),
    ]
    assert all(r["date"] > r["proposed_on"] for r in rows)


@pytest.mark.neo4j
@pytest.mark.parametrize("params", [{}, {"method": "FlowPrune"}, {"paper": "2401.00001", "limit": "1"}])
def test_method_adopters_give_the_same_rows_on_both_stores(
    params: dict[str, Any], tmp_path: Path, neo: Neo4jStore
) -> None:
    """The sample pages adopt no method after its proposal; the three FlowPrune papers do."""
    path = tmp_path / "graph.json"
    embedded = NetworkXStore(path)
    ingest(embedded, [ADOPTERS])
    expected = run_named_query(load_sample(neo, path), "method-adopters", params)
    assert (
        expected and run_named_query(NetworkXStore(path, create=False), "method-adopters", params) == expected
    )


# -- the same answers computed in Python over the store interface ---------------------------------


def _date(props: dict[str, Any]) -> str | None:
    return props.get("published") or props.get("listed")


class Oracle:
    """The sample graph as plain Python sets, to compute what some queries must return."""

    def __init__(self, store: NetworkXStore) -> None:
        self.graph = dump(store)
        self.nodes = {i: p for label in Label for i, p in self.graph[label.value]}
        self.targets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for rel in RelType:
            for source, target, _ in self.graph[rel.value]:
                self.targets[rel.value][source].add(target)

    def out(self, paper: str, *rels: str) -> set[str]:
        return set().union(*(self.targets[rel][paper] for rel in rels))

    def methods(self, paper: str) -> set[str]:
        return self.out(paper, "PROPOSES", "USES")

    def families(self, paper: str) -> set[str]:
        return {f for m in self.out(paper, "MENTIONS") for f in self.targets["IN_FAMILY"][m]}

    def profile(self, paper: str) -> set[str]:
        return (
            self.methods(paper)
            | self.out(paper, "INTRODUCES", "EVALUATES_ON", "ADDRESSES")
            | self.families(paper)
        )

    def papers(self) -> list[str]:
        return [i for i, _ in self.graph["Paper"]]


@pytest.fixture(scope="module")
def oracle(sample_nx: NetworkXStore) -> Oracle:
    return Oracle(sample_nx)


@pytest.mark.parametrize("paper", [MINIPLM, NTP_PAPER, "ad43a79fb4c8fc61"])
def test_shared_methods_matches_python(sample_store: GraphStore, oracle: Oracle, paper: str) -> None:
    mine = oracle.methods(paper)
    expected = []
    for other in oracle.papers():
        shared = sorted(oracle.nodes[m]["name"] for m in mine & oracle.methods(other))
        if other != paper and shared:
            expected.append((-len(shared), other, shared))
    expected.sort()
    rows = run_named_query(sample_store, "shared-methods", {"paper": paper, "limit": 1000})
    assert [(-r["shared"], r["paper"], r["methods"]) for r in rows] == expected


@pytest.mark.parametrize(
    ("kind", "since", "until"),
    [("method", "", ""), ("dataset", "2026-03", "2026-04"), ("family", "", "2026"), ("task", "2025", "")],
)
def test_top_entities_matches_python(
    sample_store: GraphStore, oracle: Oracle, kind: str, since: str, until: str
) -> None:
    counts: Counter[str] = Counter()
    for paper in oracle.papers():
        date = _date(oracle.nodes[paper]) or ""
        if (since and date[: len(since)] < since) or (until and date[: len(until)] > until):
            continue
        entities = {
            "method": oracle.methods(paper),
            "dataset": oracle.out(paper, "INTRODUCES", "EVALUATES_ON"),
            "family": oracle.families(paper),
            "task": oracle.out(paper, "ADDRESSES"),
        }[kind]
        counts.update(entities)
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    params = {"kind": kind, "since": since, "until": until, "limit": 15}
    rows = run_named_query(sample_store, "top-entities", params)
    assert [(r["id"], r["papers"]) for r in rows] == expected


def test_family_timeline_matches_python(sample_store: GraphStore, oracle: Oracle) -> None:
    papers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for paper in oracle.papers():
        for family in oracle.families(paper):
            papers[oracle.nodes[family]["name"], (_date(oracle.nodes[paper]) or "")[:7]].add(paper)
    expected = sorted((family, month, len(p)) for (family, month), p in papers.items())
    rows = run_named_query(sample_store, "family-timeline", {})
    assert [(r["family"], r["month"], r["papers"]) for r in rows] == expected


NAMED_RELS = ("PROPOSES", "USES", "INTRODUCES", "EVALUATES_ON", "ADDRESSES")


@pytest.mark.parametrize("paper", [MINIPLM, MASKLLM, COMPACT])
def test_similar_papers_matches_python(sample_store: GraphStore, oracle: Oracle, paper: str) -> None:
    """Weighted shared concepts and entities, as :mod:`kg.concepts.similar` computes them."""
    about: dict[str, dict[str, float]] = defaultdict(dict)
    for source, target, props in oracle.graph["ABOUT"]:
        about[source][target] = float(props["weight"])
    named = {other: oracle.out(other, *NAMED_RELS) for other in oracle.papers()}
    index = SimilarityIndex(combine(about, entity_vectors(named, ENTITY_WEIGHT)))
    mine = set(about[paper]) | named[paper]
    expected = []
    for other, score in index.similar(paper, len(named)):
        shared = mine & (set(about[other]) | named[other])
        expected.append((-round(score, 4), other, sorted({oracle.nodes[x]["name"] for x in shared})))
    expected.sort(key=lambda row: (row[0], row[1]))
    rows = run_named_query(sample_store, "similar-papers", {"paper": paper, "limit": 12})
    assert about[paper], f"{paper}: the sample graph has concepts"
    assert [r["paper"] for r in rows] == [other for _, other, _ in expected[:12]]
    assert [r["score"] for r in rows] == pytest.approx([-s for s, _, _ in expected[:12]], abs=1e-4)
    assert [r["shared"] for r in rows] == [names for _, _, names in expected[:12]]
    assert all(r["count"] == len(r["shared"]) for r in rows)


def test_similar_papers_is_similar_concepts() -> None:
    """similar-concepts stays as a second name of the same statement."""
    papers, concepts = get_query("similar-papers"), get_query("similar-concepts")
    for dialect in DIALECTS:
        assert papers.cypher(dialect) == concepts.cypher(dialect)
    assert papers.params == concepts.params and papers.columns == concepts.columns


def test_method_cooccurrence_matches_python(sample_store: GraphStore, oracle: Oracle) -> None:
    method = "method:transformer"
    counts = Counter(
        other
        for paper in oracle.papers()
        if method in oracle.methods(paper)
        for other in oracle.methods(paper) - {method}
    )
    expected = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = run_named_query(sample_store, "method-cooccurrence", {"method": "transformer", "limit": 1000})
    assert [(r["id"], r["papers"]) for r in rows] == expected


# -- injection attempts --------------------------------------------------------------------------

HOSTILE = [
    "x'}) DETACH DELETE n //",
    '"}) DETACH DELETE n //',
    "' OR 1=1 //",
    "}) MATCH (n) DETACH DELETE n RETURN 1 AS id //",
    "\\'; MATCH (n) DETACH DELETE n",
    "`) DETACH DELETE n //",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameter_values_change_nothing(sample_store: GraphStore, value: str) -> None:
    before = sample_store.stats()
    for query in list_queries():
        for param in query.params:
            given = {p.name: MINIPLM for p in query.params if p.type == "paper"}
            given |= {p.name: "knowledge distillation" for p in query.params if p.type == "method"}
            given[param.name] = value
            with contextlib.suppress(NotFoundError, ParameterError):
                run_named_query(sample_store, query.name, given)
    assert sample_store.stats() == before
    from kg.query.cypher_guard import run_checked

    rows = run_checked(sample_store, "MATCH (p:Paper) WHERE p.title = $t RETURN count(p) AS n", {"t": value})
    assert rows == [{"n": 0}]
    assert sample_store.stats() == before


def test_names_that_look_like_cypher_are_found_as_plain_values(store: GraphStore) -> None:
    """A graph whose method and paper names are injection attempts: the queries find them."""
    evil = "x'}) DETACH DELETE n //"
    store.upsert_nodes(
        Label.PAPER,
        [
            {
                "id": "p1",
                "title": f"Paper {evil}",
                "title_key": "paper x detach delete n",
                "listed": "2026-01-01",
            },
            {"id": "p2", "title": 'Other "}) DROP', "title_key": "other drop", "listed": "2026-02-01"},
        ],
    )
    store.upsert_nodes(
        Label.METHOD, [{"id": "method:evil", "name": evil, "aliases": ["'; DROP TABLE Paper"]}]
    )
    store.upsert_edges(RelType.PROPOSES, [("p1", "method:evil", {"role": "proposed", "evidence": evil})])
    store.upsert_edges(RelType.USES, [("p2", "method:evil", {"role": "used", "evidence": "we use it"})])
    store.commit()
    if isinstance(store, NetworkXStore):
        embedded_cypher_or_skip(store)
    before = store.stats()
    rows = run_named_query(store, "papers-using-method", {"method": "'; drop table paper"})
    assert [(r["paper"], r["role"], r["evidence"]) for r in rows] == [
        ("p1", "proposed", evil),
        ("p2", "used", "we use it"),
    ]
    shared = run_named_query(store, "shared-methods", {"paper": f"paper {evil}"})
    assert [(r["paper"], r["methods"]) for r in shared] == [("p2", [evil])]
    adopters = run_named_query(store, "method-adopters", {"method": evil})
    assert [(r["proposer"], r["paper"]) for r in adopters] == [("p1", "p2")]
    assert store.stats() == before


def test_a_query_that_writes_is_refused_by_the_library(sample_nx: NetworkXStore) -> None:
    from kg.query.cypher_guard import run_checked

    with pytest.raises(ReadOnlyError, match="DETACH DELETE"):
        run_checked(sample_nx, "MATCH (n) DETACH DELETE n", {})


def test_header_examples_are_commands_this_library_knows() -> None:
    for query in list_queries():
        for example in query.examples:
            words = shlex.split(example)
            assert words[0] == "kg", example
            if words[1:3] == ["query", "run"]:
                assert words[3] == query.name, example


def test_the_wheel_ships_every_query_file(tmp_path: Path) -> None:
    import subprocess
    import sys
    import zipfile

    root = QUERIES_DIR.parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            tmp_path,
            root,
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("paper_kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n for n in names if n.startswith("queries/") and n.count("/") == 1 and n.endswith(".cypher")}
    assert shipped == {f"queries/{p.name}" for p in QUERIES_DIR.glob("*.cypher")}
    assert shipped == {f"queries/{name}.cypher" for name in query_names()}
    assert {"kg/query/named.py", "kg/query/params.py", "kg/cli/query_cmds.py"} <= names
