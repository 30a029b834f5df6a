"""The command line feels finished: --version and -h, readable help, whole summaries, progress
bars on a terminal only, dialect hints for embedded-engine errors."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from kg.query.dialect_hints import dialect_hint
from kg.sample import sample_paths

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def kg(*args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _commands() -> list[list[str]]:
    _, out, _ = kg("-h")
    names = [
        line.split()[0]
        for line in out.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    return [[n] for n in names if n != "query"] + [["query", q] for q in ("list", "show", "run")]


def test_version_and_short_help() -> None:
    code, out, _ = kg("--version")
    assert code == 0 and out.startswith("paper-kg ")
    assert kg("-h")[1] == kg("--help")[1]


def test_every_help_has_plain_placeholders_and_whole_summaries() -> None:
    _, top, _ = kg("-h")
    assert "..." not in top.split("Commands:")[1]  # no summary is cut
    for command in _commands():
        code, out, _ = kg(*command, "-h")
        assert code == 0, command
        assert "<" not in out.replace("<=", "") and "list[" not in out, (command, out)


def test_an_embedded_engine_error_names_the_dialect_difference(ingested: Path) -> None:
    code, _, err = kg(
        "cypher", "MATCH (p:Paper) RETURN toInteger(p.upvotes) AS u LIMIT 1", "--graph", ingested
    )
    assert code == 1 and err.count("\n") == 1
    assert (
        "function TOINTEGER does not exist" in err
        and "CAST(x AS INT64)" in err
        and "docs/CYPHER_DIALECTS.md" in err
    )
    assert dialect_hint("cannot reach the server") is None
    assert (ROOT / "docs" / "CYPHER_DIALECTS.md").exists()


def _run_on_terminal(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run ``python -m kg ARGS`` with stderr on a pseudo-terminal; its exit code and what it drew."""
    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg", *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    return proc.wait(), drawn.decode("utf-8", "replace")


def test_progress_bars_draw_on_a_terminal_only(tmp_path: Path) -> None:
    page = sample_paths()[0]
    code, drawn = _run_on_terminal(["ingest", str(page), "--graph", str(tmp_path / "g.json")], tmp_path)
    assert code == 0 and "extracting" in drawn and "papers/s" in drawn and "━" in drawn
    code, drawn = _run_on_terminal(["extract", str(page), "--format", "csv"], tmp_path)
    assert code == 0 and "extracting" in drawn and "papers/s" in drawn
    code, _, err = kg("ingest", page, "--graph", tmp_path / "h.json")
    assert code == 0 and "extracting" not in err and "papers/s" not in err
