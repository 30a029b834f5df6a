"""Hostile and broken input: every bad record is one ``kg: error: FILE:LINE: ...`` line, exit 2,
the graph untouched; under ``--skip-bad`` it is skipped and the rest ingested."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.atomic import STALE_AGE, atomic_write, remove_stale_temps
from kg.build import conflicting_fields, merge_duplicates
from kg.cli import app
from kg.errors import IngestError
from kg.ingest import read_papers
from kg.ingest.fields import MAX_INT, MAX_LINE_CHARS, MAX_TEXT_CHARS
from kg.model import Paper

runner = CliRunner()
GOOD = {"title": "A Good Paper About Transformers", "abstract": "We train a transformer on ImageNet."}
PAGE_HEAD = "Daily Papers\n\nApr 13\n\n"
PAGE_GOOD = (
    "A Good Paper About Transformers\n\nWe train a transformer.\n\n• 2 authors\n\n·\n\nApr 10, 2025 3\n\n"
)


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _raw_jsonl(bad_line: str) -> bytes:
    return bad_line.encode() + b"\n" + _jsonl(GOOD)


def _csv(bad_upvotes: str) -> bytes:
    return f"title,abstract,upvotes\nBad Paper,Some text.,{bad_upvotes}\n{GOOD['title']},{GOOD['abstract']},4\n".encode()


def _gz_bomb() -> bytes:
    """A few hundred kilobytes of gzip holding one 300 MB line between two good records."""
    pack = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = pack.compress(_jsonl(GOOD) + b'{"title": "Huge", "abstract": "')
    block = b"a" * 2**20
    for _ in range(300):
        out += pack.compress(block)
    return out + pack.compress(b'"}\n' + _jsonl(dict(GOOD, title="Another Good Paper"))) + pack.flush()


def _truncated_gz() -> bytes:
    records = [dict(GOOD, title=f"Paper number {i}", abstract=os.urandom(32).hex()) for i in range(400)]
    packed = gzip.compress(_jsonl(*records))
    return packed[: len(packed) // 2]


# name, content, the error (after "NAME:"), papers ingested under --skip-bad
CASES = [
    ("sup.json", json.dumps([dict(GOOD, title="Bad", upvotes="²"), GOOD]).encode(), "1: upvotes must be", 1),
    ("sup.csv", _csv("²"), "2: upvotes must be an integer", 1),
    ("digits.csv", _csv("9" * 5000), "2: upvotes must be an integer", 1),
    ("digits.jsonl", _raw_jsonl('{"title": "Bad", "upvotes": ' + "9" * 5000 + "}"), "1: upvotes must", 1),
    ("e20.jsonl", _raw_jsonl('{"title": "Bad", "upvotes": 1e20}'), "1: upvotes must be an integer", 1),
    ("d400.jsonl", _raw_jsonl('{"title": "Bad", "upvotes": ' + "9" * 400 + "}"), "1: upvotes must", 1),
    ("neg.jsonl", _raw_jsonl('{"title": "Bad", "author_count": -1}'), "1: author_count must", 1),
    (
        "page.txt",
        (PAGE_HEAD + "Bad\n\nText.\n\nApr 10, 2025 " + "9" * 5000 + "\n\n" + PAGE_GOOD).encode(),
        "9: the upvote",
        1,
    ),
    (
        "qq.txt",
        (PAGE_HEAD + "???\n\nAn abstract.\n\n" + PAGE_GOOD).encode(),
        "5: title has no letters or digits",
        1,
    ),
    (
        "long.jsonl",
        _jsonl(dict(GOOD, title="Long", abstract="word " * 200_001), GOOD),
        "1: title and abstract are",
        1,
    ),
    ("notgz.jsonl.gz", _jsonl(GOOD), "1: not a valid gzip file", 0),
    ("trunc.jsonl.gz", _truncated_gz(), ": truncated gzip file", None),
    ("bomb.jsonl.gz", _gz_bomb(), "2: line longer than", 2),
]


@pytest.mark.parametrize(("name", "content", "error", "kept"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_the_graph_untouched(
    tmp_path: Path, graph_path: Path, name: str, content: bytes, error: str, kept: int | None
) -> None:
    base = tmp_path / "base.jsonl"
    base.write_bytes(_jsonl(dict(GOOD, title="Already Stored")))
    assert kg("ingest", base, "--graph", graph_path)[0] == 0
    before = graph_path.read_bytes()
    bad = tmp_path / name
    bad.write_bytes(content)
    code, _, err = kg("ingest", bad, "--graph", graph_path)
    assert code == 2
    assert err.startswith(f"kg: error: {bad}:") and error in err and len(err.splitlines()) == 1, err
    assert graph_path.read_bytes() == before
    code, out, err = kg("ingest", bad, "--skip-bad", "--graph", graph_path, "--format", "json")
    if kept == 0:  # nothing readable: refused even so
        assert code == 2 and graph_path.read_bytes() == before
        return
    assert code == 0, err
    report = json.loads(out)
    assert report["skipped"] == 1 and error in err
    if kept is not None:
        assert report["records"] == kept
    else:
        assert report["records"] > 100


def test_counts_are_plain_integers_in_the_64_bit_range(tmp_path: Path) -> None:
    records = [
        dict(GOOD, title=f"Paper {i}", upvotes=value) for i, value in enumerate([0, "12", 7.0, MAX_INT])
    ]
    path = tmp_path / "ok.jsonl"
    path.write_bytes(_jsonl(*records))
    assert [p.upvotes for p in read_papers(path)] == [0, 12, 7, MAX_INT]
    for value in [MAX_INT + 1, "٣", "1_000", " 12x", 1.5, True, -3, "-3", float("inf")]:
        path.write_text(json.dumps(dict(GOOD, upvotes=value)) + "\n")
        with pytest.raises(IngestError, match=r":1: upvotes must be an integer from 0 to 2\^63-1"):
            list(read_papers(path))


def test_text_limit_matches_the_spacy_pipeline() -> None:
    from kg.pipeline import make_nlp

    assert make_nlp().max_length >= MAX_TEXT_CHARS


def test_a_text_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.jsonl"
    title = "Edge"
    path.write_bytes(_jsonl(dict(title=title, abstract="x" * (MAX_TEXT_CHARS - len(title) - 1))))
    assert len(next(iter(read_papers(path))).text) == MAX_TEXT_CHARS


def test_an_over_long_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(b'{"title": "' + b"x" * (MAX_LINE_CHARS * 2 + 5) + b'"}\n' + _jsonl(GOOD))
    skipped: list[IngestError] = []
    papers = list(read_papers(path, skip_bad=True, skipped=skipped))
    assert [p.sources for p in papers] == [("wide.jsonl:2",)]
    assert [(e.line, e.message) for e in skipped] == [(1, f"line longer than {MAX_LINE_CHARS:,} characters")]


def test_a_gzip_bomb_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """The 300 MB line never sits in memory: a child process reads it under a 300 MB address-space cap."""
    bomb = tmp_path / "bomb.jsonl.gz"
    bomb.write_bytes(_gz_bomb())
    code = (
        "import resource, sys; from kg.ingest import read_papers;"
        "resource.setrlimit(resource.RLIMIT_AS, (300 * 2**20, 300 * 2**20));"
        f"print(len(list(read_papers({str(bomb)!r}, skip_bad=True))))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "2"


BIDI = "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "page"])
def test_bidi_controls_are_stripped_from_titles_abstracts_and_authors(tmp_path: Path, fmt: str) -> None:
    title, abstract = f"Safe{BIDI} Title\u202e", f"An {BIDI}abstract."
    if fmt == "jsonl":
        path = tmp_path / "bidi.jsonl"
        path.write_bytes(
            _jsonl({"title": title, "abstract": abstract, "authors": ["Ada\u202e Lovelace", "\u2066"]})
        )
    elif fmt == "csv":
        path = tmp_path / "bidi.csv"
        path.write_text(
            f'title,abstract,authors\n"{title}","{abstract}","Ada\u202e Lovelace"\n', encoding="utf-8"
        )
    else:
        path = tmp_path / "bidi.txt"
        path.write_text(f"{PAGE_HEAD}{title}\n\n{abstract}\n", encoding="utf-8")
    (paper,) = read_papers(path)
    assert (paper.title, paper.abstract) == ("Safe Title", "An abstract.")
    if fmt != "page":
        assert paper.authors == ("Ada Lovelace",)


def test_a_title_of_bidi_controls_only_is_a_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "bidi.jsonl"
    path.write_bytes(_jsonl({"title": "\u202e?!\u202c", "abstract": "x"}))
    with pytest.raises(IngestError, match=":1: title has no letters or digits"):
        list(read_papers(path))


# -- records of one paper that disagree -------------------------------------------------------


def _paper(
    title: str, abstract: str = "", arxiv_id: str | None = None, source: str = "a:1", **kw: object
) -> Paper:
    return Paper(title=title, abstract=abstract, arxiv_id=arxiv_id, sources=(source,), **kw)  # type: ignore[arg-type]


def test_what_conflicts() -> None:
    a = _paper("Deep Nets", "We study deep nets on ImageNet.")
    assert conflicting_fields(a, _paper("deep  nets!", "We study deep nets, on ImageNet")) == ()
    assert conflicting_fields(a, _paper("Deep Nets", "We study deep nets")) == ()  # cut short
    assert conflicting_fields(a, _paper("Deep Nets")) == ()  # only adds nothing
    assert conflicting_fields(a, _paper("Deep Nets", "We study trees.")) == ("abstract",)
    assert conflicting_fields(a, _paper("Shallow Nets", "Other.")) == ("title", "abstract")


def test_conflicting_records_keep_the_newer_whole_and_additions_still_merge() -> None:
    conflicts: dict = {}
    old = _paper("Deep Nets", "We study nets.", "2401.00001", "a.jsonl:1", upvotes=9, authors=("Ada",))
    new = _paper("Deep Nets", "We study trees.", "2401.00001", "b.jsonl:3")
    (kept,) = merge_duplicates([old, new], conflicts)
    assert kept == new
    (conflict,) = conflicts.values()
    assert str(conflict) == "paper 2401.00001: a.jsonl:1 and b.jsonl:3 differ in abstract; kept b.jsonl:3"
    # an HF page without an arXiv id, then the arXiv record: fields only add, so they merge
    conflicts.clear()
    page = _paper("Deep Nets", "We study nets.", None, "page.txt:5", upvotes=4)
    record = _paper("Deep Nets", "We study nets. More words.", "2401.00001", "arxiv.atom:9", authors=("Ada",))
    (merged,) = merge_duplicates([page, record], conflicts)
    assert conflicts == {}
    assert (merged.id, merged.upvotes, merged.authors, merged.abstract) == (
        "2401.00001",
        4,
        ("Ada",),
        "We study nets. More words.",
    )
    assert merged.sources == ("page.txt:5", "arxiv.atom:9")


def test_a_conflict_is_one_line_on_stderr_per_paper(tmp_path: Path, graph_path: Path) -> None:
    one, two, three = (tmp_path / f"{n}.jsonl" for n in ("one", "two", "three"))
    one.write_bytes(
        _jsonl({"arxiv_id": "2401.00001", "title": "Deep Nets", "abstract": "We study nets."}, GOOD)
    )
    two.write_bytes(_jsonl({"arxiv_id": "2401.00001", "title": "Deep Nets", "abstract": "We study trees."}))
    code, out, err = kg("ingest", one, two, "--graph", graph_path, "--format", "json")
    assert code == 0 and json.loads(out)["conflicts"] == 1
    # sources outside the working directory are named by their file name
    assert (
        err
        == "kg: conflict: paper 2401.00001: one.jsonl:1 and two.jsonl:1 differ in abstract; kept two.jsonl:1\n"
    )
    code, out, _ = kg("show", "2401.00001", "--graph", graph_path, "--format", "json")
    assert json.loads(out)["paper"]["abstract"] == "We study trees."
    # against the stored graph: the incoming record wins and is reported
    three.write_bytes(
        _jsonl({"arxiv_id": "2401.00001", "title": "Deep Nets", "abstract": "We study bushes."})
    )
    code, _, err = kg("ingest", three, "--graph", graph_path)
    assert (
        code == 0
        and err
        == "kg: conflict: paper 2401.00001: two.jsonl:1 and three.jsonl:1 differ in abstract; kept three.jsonl:1\n"
    )
    code, out, _ = kg("show", "2401.00001", "--graph", graph_path, "--format", "json")
    assert json.loads(out)["paper"]["abstract"] == "We study bushes."


# -- temporary files of killed writers ----------------------------------------------------------


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporary_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    from kg.atomic import _host

    target = tmp_path / "graph.json"
    dead = tmp_path / f".graph.json.{_dead_pid()}@{_host()}.abc123.tmp"
    live = tmp_path / f".graph.json.{os.getppid()}@{_host()}.def456.tmp"
    mine = tmp_path / f".graph.json.{os.getpid()}@{_host()}.ghi789.tmp"
    elsewhere = tmp_path / ".graph.json.1@00000000.jkl012.tmp"  # another host: age decides
    legacy_old, legacy_new = tmp_path / ".graph.json.k2j4h5g6.tmp", tmp_path / ".graph.json.z9y8x7w6.tmp"
    other = tmp_path / ".other.json.12345678.tmp"
    for path in (dead, live, mine, elsewhere, legacy_old, legacy_new, other):
        path.write_text("partial")
    day_ago = time.time() - STALE_AGE - 60
    os.utime(legacy_old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    assert sorted(remove_stale_temps(target)) == sorted([dead, legacy_old])
    assert remove_stale_temps(target, now=time.time() + STALE_AGE + 120) != []
    assert not elsewhere.exists() and other.exists()


def test_a_write_cleans_up_after_a_killed_writer(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    code = (
        "import os, sys; from pathlib import Path; from kg.atomic import atomic_write\n"
        f"with atomic_write(Path({str(target)!r})) as h:\n    h.write('half'); h.flush(); os._exit(9)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 9
    (left,) = tmp_path.glob(".graph.json.*.tmp")
    with atomic_write(target) as handle:
        handle.write("whole")
    assert not left.exists() and target.read_text() == "whole"
    assert list(tmp_path.glob(".graph.json.*.tmp")) == []
