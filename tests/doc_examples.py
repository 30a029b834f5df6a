"""Run the ``console`` examples of a Markdown file as a transcript and compare their output.

A ```` ```console ```` block holds commands (lines starting with ``$ ``) each followed by the
output it shows (up to the next command or the end of the block). ``…`` in the shown output is a
wildcard: a line that is just ``…`` stands for any number of lines (none included), and ``…``
inside a line for any text on that line (a table cell the CLI shortened with ``…`` included).

Commands run without a shell: this module splits them itself (quotes, backslashes, ``#``
comments, ``|`` and ``&&``), expands unquoted globs against the working directory, and refuses
anything else (redirections, ``;``, ``$VAR``, backticks) with :class:`UnsupportedCommandError`, so an
example a reader could not paste into a shell never passes by accident.
"""

from __future__ import annotations

import difflib
import glob
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ELLIPSIS = "…"
PROMPT = "$ "
NOT_TESTED = re.compile(r"^<!--\s*not-tested:\s*(?P<reason>.+?)\s*-->$")
OPERATORS = ("&&", "||", ">>", "|", ";", "&", ">", "<", "(", ")")
GLOB_CHARS = frozenset("*?[")
ECHO_STATUS = ("echo", "$?")


class UnsupportedCommandError(ValueError):
    """A command uses shell syntax or a program the example runner does not provide."""


class MissingToolError(RuntimeError):
    """A command pipes into a tool (``jq``, say) that is not installed on this machine."""


# -- the Markdown side ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    """One ``$ command`` of a console block and the output the document shows for it."""

    command: str
    expected: tuple[str, ...]
    line: int  # 1-based line of the command in the document
    block: int  # index of its console block (0-based, counting console blocks only)
    block_reason: str | None = None  # the block's ``<!-- not-tested: reason -->``, if any


@dataclass(frozen=True)
class CodeBlock:
    """A fenced code block: its info string, first content line (1-based) and lines."""

    info: str
    line: int
    lines: tuple[str, ...]


def code_blocks(text: str) -> list[CodeBlock]:
    """Every ```` ``` ```` fenced block of a Markdown text, in order."""
    blocks: list[CodeBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped.startswith("```"):
            i += 1
            continue
        fence = stripped[: len(stripped) - len(stripped.lstrip("`"))]
        info, start = stripped[len(fence) :].strip(), i + 1
        end = start
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        if end == len(lines):
            raise ValueError(f"line {i + 1}: code block never closed")
        blocks.append(CodeBlock(info, start + 1, tuple(lines[start:end])))
        i = end + 1
    return blocks


def _marker_before(lines: Sequence[str], fence_index: int) -> str | None:
    """The reason of a ``<!-- not-tested: reason -->`` on the last non-blank line before a fence."""
    i = fence_index - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    match = NOT_TESTED.match(lines[i].strip()) if i >= 0 else None
    return match["reason"] if match else None


def console_examples(text: str) -> list[Example]:
    """The commands of every ``console`` block with the output shown for each."""
    lines = text.splitlines()
    examples: list[Example] = []
    consoles = [b for b in code_blocks(text) if b.info.split()[:1] == ["console"]]
    for number, block in enumerate(consoles):
        reason = _marker_before(lines, block.line - 2)
        i = 0
        while i < len(block.lines):
            line, where = block.lines[i], block.line + i
            if not line.startswith(PROMPT):
                raise ValueError(f"line {where}: console output before any `$ ` command: {line!r}")
            command = line[len(PROMPT) :]
            while command.endswith("\\") and i + 1 < len(block.lines):
                i += 1
                command = command[:-1] + block.lines[i]
            i += 1
            output: list[str] = []
            while i < len(block.lines) and not block.lines[i].startswith(PROMPT):
                output.append(block.lines[i])
                i += 1
            examples.append(Example(command.strip(), tuple(normalise(output)), where, number, reason))
    return examples


# -- comparing output -----------------------------------------------------------------------------


def normalise(lines: Sequence[str]) -> list[str]:
    """Lines without trailing whitespace (Markdown cannot show it) and without trailing blank lines."""
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def _line_pattern(expected: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in expected.split(ELLIPSIS)))


def line_matches(expected: str, actual: str) -> bool:
    """Whether ``actual`` is ``expected`` with each ``…`` standing for any text (or a literal ``…``)."""
    return expected == actual or _line_pattern(expected).fullmatch(actual) is not None


def output_matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Whether the whole of ``actual`` matches ``expected`` line by line, a ``…`` line being any
    number of lines (none included)."""
    positions = {0}  # how many actual lines the expected lines so far can have consumed
    for want in expected:
        if not positions:
            return False
        if want.strip() == ELLIPSIS:
            positions = set(range(min(positions), len(actual) + 1))
        else:
            positions = {j + 1 for j in positions if j < len(actual) and line_matches(want, actual[j])}
    return len(actual) in positions


def describe_mismatch(expected: Sequence[str], actual: Sequence[str]) -> str:
    """A unified diff of shown against actual output, then the actual output in full."""
    diff = difflib.unified_diff(list(expected), list(actual), "shown", "actual", lineterm="", n=2)
    return "\n".join([*diff, "", "actual output:", *actual])


# -- the shell side -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A shell word after quote removal; ``glob``: has an unquoted ``* ? [``; ``expands``: has a
    ``$`` or backtick outside single quotes (an expansion the runner does not perform)."""

    text: str
    glob: bool = False
    expands: bool = False


def tokenize(command: str) -> list[Word | str]:
    """Split a command like a POSIX shell: words (:class:`Word`) and operators (``str``)."""
    tokens: list[Word | str] = []
    chars: list[str] = []
    in_word = has_glob = has_expansion = False

    def finish() -> None:
        nonlocal in_word, has_glob, has_expansion
        if in_word:
            tokens.append(Word("".join(chars), has_glob, has_expansion))
        chars.clear()
        in_word = has_glob = has_expansion = False

    i = 0
    while i < len(command):
        c = command[i]
        if c in " \t\n":
            finish()
        elif c == "#" and not in_word:
            break
        elif c == "'":
            end = command.find("'", i + 1)
            if end < 0:
                raise UnsupportedCommandError(f"unterminated single quote in {command!r}")
            chars.append(command[i + 1 : end])
            in_word, i = True, end
        elif c == '"':
            i += 1
            while i < len(command) and command[i] != '"':
                if command[i] == "\\" and i + 1 < len(command) and command[i + 1] in '"\\$`':
                    i += 1
                elif command[i] in "$`":
                    has_expansion = True
                chars.append(command[i])
                i += 1
            if i == len(command):
                raise UnsupportedCommandError(f"unterminated double quote in {command!r}")
            in_word = True
        elif c == "\\":
            if i + 1 < len(command):
                i += 1
                chars.append(command[i])
            in_word = True
        elif op := next((op for op in OPERATORS if command.startswith(op, i)), None):
            finish()
            tokens.append(op)
            i += len(op) - 1
        else:
            has_glob |= c in GLOB_CHARS
            has_expansion |= c in "$`"
            chars.append(c)
            in_word = True
        i += 1
    finish()
    return tokens


def parse_command(command: str) -> list[list[list[Word]]]:
    """``a | b && c`` as ``[[a, b], [c]]``: pipelines joined by ``&&``, each a list of stages."""
    chain: list[list[list[Word]]] = [[[]]]
    for token in tokenize(command):
        if token == "&&":
            chain.append([[]])
        elif token == "|":
            chain[-1].append([])
        elif isinstance(token, str):
            raise UnsupportedCommandError(f"shell operator {token!r} in {command!r}")
        else:
            chain[-1][-1].append(token)
    if any(not stage for pipeline in chain for stage in pipeline):
        raise UnsupportedCommandError(f"empty command in {command!r}")
    return chain


@dataclass(frozen=True)
class Result:
    """What a terminal shows for a command (stdout and stderr interleaved) and its exit status."""

    output: str
    status: int


@dataclass
class Shell:
    """Runs commands one after another in ``cwd`` with ``env``; ``programs`` maps a command name
    to the argv prefix that runs it (``kg`` to the installed console script, say); ``tools`` are
    other programs taken from PATH."""

    cwd: Path
    env: dict[str, str]
    programs: dict[str, list[str]]
    tools: frozenset[str] = frozenset({"head", "tail", "jq", "wc", "grep", "sort", "cut"})
    timeout: float = 600.0
    last_status: int = 0

    def run(self, command: str) -> Result:
        """Run ``command`` (see :func:`parse_command`) and remember its exit status for ``$?``."""
        chain = parse_command(command)
        if [[[w.text for w in stage] for stage in pipeline] for pipeline in chain] == [[list(ECHO_STATUS)]]:
            return Result(f"{self.last_status}\n", 0)
        argvs = [[self._argv(stage) for stage in pipeline] for pipeline in chain]
        with tempfile.TemporaryFile() as sink:
            status = 0
            for pipeline in argvs:
                status = self._pipeline(pipeline, sink)
                if status != 0:
                    break
            sink.seek(0)
            output = sink.read().decode("utf-8", errors="replace")
        self.last_status = status
        return Result(output, status)

    def _argv(self, stage: list[Word]) -> list[str]:
        words: list[str] = []
        for word in stage:
            if word.expands:
                raise UnsupportedCommandError(
                    f"shell expansion in {word.text!r} (only `echo $?` is supported)"
                )
            # glob.glob, not Path.glob: like a shell, `*` skips dot files
            matches = sorted(glob.glob(word.text, root_dir=self.cwd)) if word.glob else []  # noqa: PTH207
            words.extend(matches or [word.text])
        name, args = words[0], words[1:]
        if name in self.programs:
            return [*self.programs[name], *args]
        if name not in self.tools:
            raise UnsupportedCommandError(f"program {name!r} is not one the example runner provides")
        path = shutil.which(name, path=self.env.get("PATH"))
        if path is None:
            raise MissingToolError(f"{name} is not installed")
        return [path, *args]

    def _pipeline(self, stages: list[list[str]], sink: IO[bytes]) -> int:
        """Run the stages connected by pipes; stdout of the last and stderr of all go to ``sink``
        (one open file, so they interleave as written). The status is the last stage's."""
        procs: list[subprocess.Popen[bytes]] = []
        upstream: int | IO[bytes] | None = subprocess.DEVNULL
        try:
            for index, argv in enumerate(stages):
                last = index == len(stages) - 1
                proc = subprocess.Popen(
                    argv,
                    cwd=self.cwd,
                    env=self.env,
                    stdin=upstream,
                    stdout=sink if last else subprocess.PIPE,
                    stderr=sink,
                )
                if procs and procs[-1].stdout is not None:
                    procs[-1].stdout.close()  # the child has it: an early exit downstream is SIGPIPE
                upstream = proc.stdout if not last else subprocess.DEVNULL
                procs.append(proc)
            for proc in procs:
                proc.wait(timeout=self.timeout)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return procs[-1].returncode


def clean_env(drop: Callable[[str], bool]) -> dict[str, str]:
    """This process's environment without the variables ``drop`` selects, with unbuffered UTF-8
    Python output (so stdout and stderr interleave as they would on a terminal)."""
    env = {k: v for k, v in os.environ.items() if not drop(k)}
    env.update(PYTHONUNBUFFERED="1", PYTHONIOENCODING="utf-8")
    return env
