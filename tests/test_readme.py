"""The README's examples, run: docs examples are tested, so they cannot rot.

Every ```` ```console ```` block of README.md is a transcript: each ``$ command`` is one test case
that runs the real ``kg`` console script (no shell: see tests/doc_examples.py) and compares what a
terminal would show (stdout and stderr, interleaved) with the lines below it. ``…`` is a wildcard:
a line of just ``…`` stands for any number of lines, ``…`` inside a line for any text.

How the examples run:

* All of them run in README order in one fresh working directory, like a reader following the
  README: the tour's ``kg ingest kg/data/sample/*.txt`` builds ./kg-data/graph.json (the default
  graph) and later examples read it. Running one case alone (``-k``) replays the commands before
  it first. The working directory holds a copy of the bundled sample corpus at kg/data/sample/
  (so the README's relative paths work) and the files in ``FIXTURE_FILES``.
* A command the README shows without output only has to succeed (exit status 0). A command whose
  shown output has an error line (``kg: error:``) has to fail (non-zero status); any other has to
  succeed. ``echo $?`` prints the previous command's exit status.
* ``|`` and ``&&`` work; pipes go to the real ``head``/``jq``/... (a case is skipped when a tool is
  not installed). Other shell syntax fails the case: the runner does not guess.
* Commands the tests cannot run are skipped by an explicit rule: a ``<!-- not-tested: reason -->``
  comment on the line before a block skips the block; ``SKIP_RULES`` below skip single commands.
* ``KNOWN_README_ERRORS`` marks examples whose README text is known to be out of date as strict
  xfails (a fixed README makes them pass, which fails the run until the entry is removed).
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from doc_examples import (
    Example,
    MissingToolError,
    Result,
    Shell,
    UnsupportedCommandError,
    Word,
    clean_env,
    code_blocks,
    console_examples,
    describe_mismatch,
    line_matches,
    normalise,
    output_matches,
    parse_command,
    tokenize,
)

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CI_SCRIPT = ROOT / ".ci" / "run"

#: Directories of the repository the examples name by relative path, copied into the workspace.
REPO_DIRS = ("kg/data/sample",)

#: Files the README's examples take for granted, created in the workspace.
FIXTURE_FILES = {
    # "Input that is not a paper listing is refused": any notes a researcher might have lying around.
    "notes.txt": "Reading group, Tuesday\n- ask Ana about the GPU budget\n- slides for the KD paper\n",
}


@dataclass(frozen=True)
class SkipRule:
    """Commands matching ``pattern`` are not run. ``rest_of_block``: the command changes what the
    commands after it in its block mean (an ``export``), so those are skipped with it."""

    pattern: str
    reason: str
    rest_of_block: bool = False


SKIP_RULES = (
    SkipRule(r"^pip install\b", "installs packages: the test environment is installed already (.ci/run)"),
    SkipRule(
        r"^export\b",
        "sets the reader's shell environment (Neo4j credentials, KG_STORE) for the commands after it",
        rest_of_block=True,
    ),
    SkipRule(
        r"bolt://localhost:7687|neo4j(\+s)?://",
        "needs the reader's Neo4j server; tests/test_cli_neo4j.py runs these commands on the test server",
    ),
    SkipRule(r"(^|\s)--open\b", "opens a web browser"),
)

#: Examples whose README text is known to be wrong (command -> why); see the README-examples report.
KNOWN_README_ERRORS: dict[str, str] = {}

ERROR_LINE = re.compile(r"^(kg: error:|Error:|Usage:)")


def _skip_reasons(examples: list[Example]) -> dict[int, str]:
    """Why each skipped example (by README line) is not run."""
    reasons: dict[int, str] = {}
    tainted: dict[int, str] = {}  # block -> reason the rest of it is skipped
    for example in examples:
        if example.block_reason:
            reasons[example.line] = f"README marks the block not-tested: {example.block_reason}"
            continue
        if example.block in tainted:
            reasons[example.line] = tainted[example.block]
            continue
        for rule in SKIP_RULES:
            if re.search(rule.pattern, example.command):
                reasons[example.line] = rule.reason
                if rule.rest_of_block:
                    tainted[example.block] = f"runs after a skipped `{example.command}`: {rule.reason}"
                break
    return reasons


EXAMPLES = console_examples(README.read_text(encoding="utf-8"))
SKIPPED = _skip_reasons(EXAMPLES)


def _param(example: Example) -> object:
    marks: list[pytest.MarkDecorator] = []
    if example.line in SKIPPED:
        marks.append(pytest.mark.skip(reason=SKIPPED[example.line]))
    elif example.command in KNOWN_README_ERRORS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_README_ERRORS[example.command]))
    return pytest.param(example, id=example.command, marks=marks)


def kg_program() -> list[str]:
    """The installed ``kg`` console script of this interpreter (what a reader types)."""
    script = Path(sys.executable).parent / "kg"
    if script.is_file():
        return [str(script)]
    found = shutil.which("kg")
    return [found] if found else [sys.executable, "-m", "kg"]


def make_shell(cwd: Path) -> Shell:
    """A shell in ``cwd`` whose ``kg`` is the real CLI, with no KG_* variable of the developer's."""
    return Shell(cwd, clean_env(lambda name: name.startswith("KG_")), {"kg": kg_program()})


def make_workspace(path: Path) -> Path:
    """An empty working directory with the repository data and the fixture files the README uses."""
    path.mkdir(parents=True, exist_ok=True)
    for relative in REPO_DIRS:
        shutil.copytree(ROOT / relative, path / relative)
    for name, text in FIXTURE_FILES.items():
        (path / name).write_text(text, encoding="utf-8")
    return path


class Transcript:
    """The README's runnable examples run once each, in order, in one workspace."""

    def __init__(self, shell: Shell, examples: list[Example]) -> None:
        self.shell = shell
        self.pending = [e for e in examples if e.line not in SKIPPED]
        self.results: dict[int, Result | Exception] = {}

    def result(self, example: Example) -> Result:
        """The result of ``example``, running every earlier example not run yet first."""
        while example.line not in self.results:
            current = self.pending.pop(0)
            try:
                self.results[current.line] = self.shell.run(current.command)
            except (UnsupportedCommandError, MissingToolError) as exc:
                self.results[current.line] = exc
        outcome = self.results[example.line]
        if isinstance(outcome, MissingToolError):
            pytest.skip(str(outcome))
        if isinstance(outcome, Exception):
            pytest.fail(f"README line {example.line}: `$ {example.command}`: {outcome}")
        return outcome


@pytest.fixture(scope="module")
def transcript(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Transcript]:
    workspace = make_workspace(tmp_path_factory.mktemp("readme") / "work")
    yield Transcript(make_shell(workspace), EXAMPLES)


# -- the examples ---------------------------------------------------------------------------------


def test_readme_has_console_examples() -> None:
    runnable = [e for e in EXAMPLES if e.line not in SKIPPED]
    assert len(runnable) >= 10, "the README's console examples went missing (or the parser broke)"
    assert set(KNOWN_README_ERRORS) <= {e.command for e in EXAMPLES}, "stale KNOWN_README_ERRORS entry"


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES])
def test_readme_example(example: Example, transcript: Transcript) -> None:
    result = transcript.result(example)
    where = f"README line {example.line}: `$ {example.command}` (exit status {result.status})"
    actual = normalise(result.output.splitlines())
    if not example.expected:
        assert result.status == 0, f"{where} failed:\n" + "\n".join(actual)
        return
    assert output_matches(example.expected, actual), f"{where}\n" + describe_mismatch(
        example.expected, actual
    )
    if any(ERROR_LINE.match(line) for line in example.expected):
        assert result.status != 0, f"{where}: shows an error but succeeded"
    else:
        assert result.status == 0, f"{where}: failed"


def test_kg_demo_is_the_tour_by_hand(transcript: Transcript, tmp_path: Path) -> None:
    """The README's first command: ``kg demo`` builds ./kg-data/graph.json from the bundled sample
    and prints what it found, the same report as the tour's ``kg ingest kg/data/sample/*.txt``."""
    demo = make_shell(make_workspace(tmp_path / "work")).run("kg demo")
    assert demo.status == 0, demo.output
    assert (tmp_path / "work" / "kg-data" / "graph.json").is_file()
    by_hand = next((e for e in EXAMPLES if e.command == "kg ingest kg/data/sample/*.txt"), None)
    if by_hand is None:
        pytest.skip("the README's tour no longer ingests the sample by hand")
    report = normalise(transcript.result(by_hand).output.splitlines())
    shown = normalise(demo.output.splitlines())
    assert output_matches(["…", *report, "…"], shown), describe_mismatch(report, shown)


# -- the README's first lines and CI --------------------------------------------------------------


def _commands(line: str) -> list[list[str]]:
    """The simple commands of a shell line (``&&`` and ``|`` split, comments dropped)."""
    return [[w.text for w in stage] for pipeline in parse_command(line) for stage in pipeline]


def _pytest_command(argv: list[str]) -> list[str]:
    """A pytest invocation with the interpreter's name and verbosity flags (-q, -v) normalised."""
    head = ["python"] if re.fullmatch(r"python(3(\.\d+)?)?", argv[0]) else argv[:1]
    return head + [a for a in argv[1:] if not re.fullmatch(r"-(q+|v+)", a)]


def _ci_lines() -> list[str]:
    lines = CI_SCRIPT.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if re.match(r"\s*(python3? -m )?(pip|pytest)\b|.* -m pytest\b", line)]


def _readme_shell_lines() -> list[str]:
    blocks = [b for b in code_blocks(README.read_text(encoding="utf-8")) if b.info in ("bash", "sh", "shell")]
    return [line for block in blocks for line in block.lines if line.strip()]


def test_readme_opens_with_install_and_demo() -> None:
    first = code_blocks(README.read_text(encoding="utf-8"))[0]
    assert first.info == "bash"
    assert _commands(first.lines[0]) == [["pip", "install", "."], ["kg", "demo"]]
    install, test = _commands(first.lines[1])
    assert install[:3] == ["pip", "install", "-e"]
    assert "pytest" in test


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = {
        tuple(_pytest_command(c))
        for line in _readme_shell_lines()
        for c in _commands(line)
        if "pytest" in c and "pip" not in c
    }
    ci = {tuple(_pytest_command(c)) for line in _ci_lines() for c in _commands(line) if "pytest" in c}
    assert ci, ".ci/run runs no pytest"
    assert readme == ci, f"README's test command(s) {readme} != .ci/run's {ci}"


def _extras(commands: list[list[str]]) -> set[frozenset[str]]:
    found = set()
    for argv in commands:
        if "pip" in argv and "install" in argv and "-e" in argv:
            spec = argv[argv.index("-e") + 1]
            match = re.fullmatch(r"\.\[([\w,-]*)\]", spec)
            found.add(frozenset(match[1].split(",")) if match else frozenset())
    return found


def test_readme_dev_install_is_what_ci_installs() -> None:
    readme = _extras([c for line in _readme_shell_lines() for c in _commands(line)])
    ci = _extras([c for line in _ci_lines() for c in _commands(line)])
    assert len(ci) == 1
    assert readme == ci, f"README installs extras {readme}, .ci/run {ci}"


# -- the runner itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "b", "c"], False),  # no ellipsis: all of it
        (["a"], ["a", "b"], False),
        (["a", "…"], ["a", "b", "c"], True),
        (["a", "…"], ["a"], True),  # a "…" line may stand for no line
        (["…", "c"], ["a", "b", "c"], True),
        (["a", "…", "c"], ["a", "x", "y", "c"], True),
        (["a", "…", "c"], ["a", "c", "x"], False),  # still anchored at the end
        (["a", "…", "c", "…"], ["a", "c", "x", "c", "d"], True),
        (["b", "…"], ["a", "b"], False),  # and at the start
        (["Title for Langu…"], ["Title for Language Models"], True),
        (["Title for Langu…"], ["Title for Langu…"], True),  # the CLI's own truncation
        (["x …  1   y"], ["x Decoding …  1   y"], True),
        (["x …  1   y"], ["x Decoding …  2   y"], False),
        (["a.*b"], ["aXb"], False),  # regex characters are literal
        (["…"], [], True),
        ([], ["a"], False),
    ],
)
def test_output_matches(expected: list[str], actual: list[str], ok: bool) -> None:
    assert output_matches(expected, actual) is ok


def test_line_matches_whole_line() -> None:
    assert line_matches("kg: error: cannot reach …", "kg: error: cannot reach localhost:7688 (refused)")
    assert not line_matches("kg: error: cannot reach …", "note: kg: error: cannot reach x")


def test_console_examples_parse() -> None:
    text = "\n".join(
        [
            "```console",
            "$ kg a  # comment",
            "out 1   ",
            "",
            "$ kg b \\",
            "  --flag",
            "$ kg c",
            "out c",
            "```",
            "",
            "```bash",
            "$ not-console",
            "```",
            "<!-- not-tested: needs a GPU -->",
            "",
            "```console",
            "$ kg d",
            "```",
        ]
    )
    examples = console_examples(text)
    assert [(e.command, e.expected, e.line, e.block) for e in examples] == [
        ("kg a  # comment", ("out 1",), 2, 0),
        ("kg b   --flag", (), 5, 0),
        ("kg c", ("out c",), 7, 0),
        ("kg d", (), 17, 1),
    ]
    assert [e.block_reason for e in examples] == [None, None, None, "needs a GPU"]
    with pytest.raises(ValueError, match="line 2"):
        console_examples("```console\nstray output\n```\n")


def test_skip_rules_skip_the_rest_of_an_exported_block() -> None:
    text = (
        "```console\n$ kg stats\n$ export KG_STORE=bolt://x\n$ kg stats\n```\n```console\n$ kg stats\n```\n"
    )
    assert sorted(_skip_reasons(console_examples(text))) == [3, 4]


def test_tokenize_like_a_shell() -> None:
    assert tokenize("kg show \"A 'b' \\\"c\\\"\" 'x y'  # note") == [
        Word("kg"),
        Word("show"),
        Word("A 'b' \"c\""),
        Word("x y"),
    ]
    assert tokenize("kg ingest kg/data/*.txt '*.txt'") == [
        Word("kg"),
        Word("ingest"),
        Word("kg/data/*.txt", glob=True),
        Word("*.txt"),
    ]
    assert tokenize("kg a|head -1&&echo $?") == [
        Word("kg"),
        Word("a"),
        "|",
        Word("head"),
        Word("-1"),
        "&&",
        Word("echo"),
        Word("$?", glob=True, expands=True),
    ]
    assert tokenize("kg cypher 'MATCH (p {id: $id})'") == [
        Word("kg"),
        Word("cypher"),
        Word("MATCH (p {id: $id})"),
    ]
    assert tokenize('kg cypher "RETURN $x"')[-1] == Word("RETURN $x", expands=True)
    assert tokenize("kg query run x -p key:=[1,2]")[-1] == Word("key:=[1,2]", glob=True)
    for bad in ("kg stats > out.txt", "kg a; kg b", "kg a || kg b", "kg stats 'open"):
        with pytest.raises(UnsupportedCommandError):
            parse_command(bad)


def test_shell_runs_pipelines_globs_and_status(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text(f"{name}\nsecond\n", encoding="utf-8")
    python = [sys.executable, "-c", "import sys; print(' '.join(sys.argv[1:])); sys.exit(len(sys.argv) - 1)"]
    shell = Shell(tmp_path, clean_env(lambda _: False), {"args": python})
    assert shell.run("args *.txt '*.txt' x*") == Result("a.txt b.txt *.txt x*\n", 4)
    assert shell.run("echo $?") == Result("4\n", 0)
    assert shell.run("args | head -1") == Result("\n", 0)  # a pipeline's status is the last stage's
    assert shell.run("args && args y") == Result("\ny\n", 1)
    assert shell.run("args y && args z") == Result("y\n", 1)  # && stops at a failure
    with pytest.raises(UnsupportedCommandError, match="rm"):
        shell.run("rm -rf a.txt")
    with pytest.raises(UnsupportedCommandError, match="expansion"):
        shell.run("args $HOME")
    assert (tmp_path / "a.txt").exists()
