"""Abbreviation definitions in abstracts: ``Large Language Models (LLMs)``, ``DSnoT (Dynamic ...)``.

Our own implementation of the idea of Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text": the short form's characters are matched right to left
against the words before the parenthesis, the short form's first character must start a word, and the
long form has at most ``min(|SF| + 5, 2 * |SF|)`` words. Instead of their greedy character match
(which gives ``Policy Optimization`` for ``PPO``), the words are aligned with the short form by a small
dynamic programme that prefers word initials and capitals (see :func:`_align`).

Extended for machine-learning abstracts:

* both orders, ``long form (SF)`` and ``SF (long form)``;
* short forms with digits, hyphens and mixed case (``L-LM``, ``DSnoT``, ``3DGS``, ``W2S`` for
  weak-to-strong, ``3H`` for three words starting with H), plural short forms (``LLMs``, exposed
  singular as :attr:`Abbreviation.short_key`), letters from inside words (``PPL``, ``CIPHER``);
* long forms with hyphenated words (``Retrieval-Augmented Generation``) and LaTeX markup
  (``\\textbf{T}able \\textbf{R}epresentation``);
* parentheses with extra text after ``;`` or ``,`` (``(SFT; Ouyang et al.)``), while ``(e.g., BERT)``,
  ``(2023)`` or ``(see Fig. 2)`` are not definitions;
* long forms cut at sentence and clause punctuation and never starting with a determiner or a word
  like ``termed`` (``we propose a novel Advantage-Guided Distillation ... (ADPA)`` gives
  ``Advantage-Guided Distillation ...``).

Only the standard library is used; the text is scanned paren by paren with one compiled regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.wordlists import load, table

__all__ = ["Abbreviation", "find_abbreviations", "short_form_key"]


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A short form, its long form as written, and both spans' character offsets in the text."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int

    @property
    def short_key(self) -> str:
        """The short form normalised for matching: singular (``LLMs`` -> ``LLM``, ``LLM's`` -> ``LLM``)."""
        return short_form_key(self.short)


# Innermost parenthesised groups; an unbalanced "(" never matches.
_PAREN = re.compile(r"\(([^()]*)\)")
# A short form: starts and ends with a letter or digit, a few joiners inside.
_SHORT_FORM = re.compile(r"[^\W_](?:[\w\-/&+.'\u2019]*[^\W_])?")
_PLURAL = re.compile(r"(?<=[A-Z0-9])['\u2019]?s$")
_COUNTED_LETTER = re.compile(r"([2-9])([A-Z])")
# Runs of letters and digits: the words of a long form ("Retrieval-Augmented" is two runs).
_RUN = re.compile(r"[^\W_]+")
_WHITESPACE = re.compile(r"\s")
_TOKEN_SPLIT = re.compile(r"[\s\-/\u2010\u2011]+")
# LaTeX markup dropped before matching: commands and group braces and math dollars.
_MARKUP = re.compile(r"\\[A-Za-z]+\*?|[{}$]")
# Sentence ends (".", "?" or "!" then a space) and clause punctuation end a long-form window.
# (Matched from the window's start, the greedy ".*" finds the last one.)
_LAST_BOUNDARY = re.compile(r"(?s:.*)(?:[.!?](?=\s)|[;:()\[\]\n\r=<>\u2014]|\s[-\u2013]+\s)")
_LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?")

_WRAP_OPEN = "\"'`*$_{~\u201c\u2018"
_WRAP_CLOSE = "\"'`*$_},~\u201d\u2019"
_JOINERS = "-/'\u2019\u2010\u2011"
_MAX_SHORT = 12
_MAX_WINDOW_CHARS = 400
# Content words a forward long form may have after its last matched word ("... learning method").
_MAX_TRAILING = 2

# Words a long form may not start with: determiners, pronouns, prepositions and the words that
# introduce a name ("a novel ... termed ..."). Compared lower-cased.
_BAD_FIRST_WORDS = load("long_form_bad_first_words")
# Capitalised "New" and "Simple" may start a name ("New York Times", "Simple Online ..."). ("novel" and
# "named" are fine even in lower case: "novel view synthesis (NVS)", "named entity recognition (NER)".)
_BAD_FIRST_WORDS_ANY_CASE = _BAD_FIRST_WORDS - {"new", "simple"}
# Words a long form may skip for free ("Mixture of Experts", "Cluster-based Random Token Substitution").
_FUNCTION_WORDS = load("long_form_function_words")
_NUMBER_WORDS: dict[str, frozenset[str]] = {
    digit: frozenset(words.split()) for digit, words in table("number_words").items()
}
_NO_WORDS: frozenset[str] = frozenset()

# An alignment's score packed in one int, compared as (cost, penalty, inside, trailing): see _align.
_COST = 1 << 36
_PENALTY = 1 << 24
_INSIDE = 1 << 12
_FIELD = (1 << 12) - 1
_NO_MATCH = 1 << 62


def short_form_key(short: str) -> str:
    """Normalise a short form for matching: drop a plural ``s`` / ``'s`` after a capital or digit."""
    if len(short) >= 3 and short[-1] == "s":
        m = _PLURAL.search(short)
        if m is not None and m.start() >= 2:
            return short[: m.start()]
    return short


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Abbreviation definitions in ``text``, by position; the first definition of each short form wins."""
    found: list[Abbreviation] = []
    if "(" not in text:
        return found
    seen: set[str] = set()
    for m in _PAREN.finditer(text):
        open_, close = m.start(), m.end() - 1
        if close - open_ < 3:
            continue
        seg_start, seg_end = _first_segment(text, open_ + 1, close)
        if seg_end - seg_start < 2:
            continue
        segment = text[seg_start:seg_end]
        if " " not in segment and _is_short_form(segment):
            # long form (SF): the long form ends right before the parenthesis.
            short, s_start, s_end = segment, seg_start, seg_end
            key = short_form_key(short)
            if key in seen:
                continue
            span = _long_form(text, short, _window_start(text, open_, _max_words(short)), open_)
        else:
            # SF (long form): the short form is the word right before the parenthesis.
            s_start, s_end = _word_before(text, open_)
            short = text[s_start:s_end]
            if s_end - s_start < 2 or not _is_short_form(short, strong=True):
                continue
            key = short_form_key(short)
            if key in seen or len(segment.split()) > _max_words(short):
                continue
            span = _long_form(text, short, open_ + 1, seg_end, whole=True)
        if span is not None:
            seen.add(key)
            found.append(Abbreviation(short, text[span[0] : span[1]], s_start, s_end, span[0], span[1]))
    return found


def _is_short_form(s: str, *, strong: bool = False) -> bool:
    """Could ``s`` be an abbreviation? One token of 2-12 characters with a capital, not a plain word.

    ``strong`` (a short form before its long form) asks for two capitals: ``LoRA``, ``MoE``, ``KD``.
    """
    n = len(s)
    if n < 2 or n > _MAX_SHORT or _SHORT_FORM.fullmatch(s) is None:
        return False
    upper = sum(map(str.isupper, s))
    if upper == 0 or (strong and upper < 2):
        return False
    # A capitalised lower-case word ("Table", "Adam", "Ours") is not an abbreviation.
    return not (upper == 1 and s[0].isupper() and n > 3 and s[1:].isalpha())


def _max_words(short: str) -> int:
    n = len(short)
    return min(n + 5, 2 * n)


def _first_segment(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``text[start:end]`` before the first ``;`` or ``,`` (citations, examples, notes)."""
    j = text.find(";", start, end)
    if j >= 0:
        end = j
    j = text.find(",", start, end)
    if j >= 0:
        end = j
    return _strip_span(text, start, end)


def _strip_span(text: str, start: int, end: int, *, latex: bool = True) -> tuple[int, int]:
    """Shrink ``text[start:end]`` past whitespace, quotes, emphasis and (``latex``) LaTeX commands."""
    if start < end and text[start].isalnum() and text[end - 1].isalnum():
        return start, end
    seg = text[start:end]
    stripped = _lstrip(seg)
    start += len(seg) - len(stripped)
    while latex and stripped.startswith("\\") and (m := _LATEX_COMMAND.match(text, start, end)) is not None:
        stripped = _lstrip(text[m.end() : end])
        start = end - len(stripped)
    return start, start + len(_rstrip(stripped))


def _lstrip(s: str) -> str:
    while True:
        t = s.lstrip().lstrip(_WRAP_OPEN)
        if len(t) == len(s):
            return s
        s = t


def _rstrip(s: str) -> str:
    while True:
        t = s.rstrip().rstrip(_WRAP_CLOSE)
        if len(t) == len(s):
            return s
        s = t


def _word_before(text: str, pos: int) -> tuple[int, int]:
    """The span of the word right before ``pos`` (spaces between allowed), wrappers stripped."""
    end = pos
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "()[]":
        start -= 1
    return _strip_span(text, start, end)


def _window_start(text: str, end: int, max_words: int) -> int:
    """Start of the long-form window before ``end``: at most ``max_words`` words, within one clause."""
    lo = max(0, end - _MAX_WINDOW_CHARS)
    tail = text[lo:end]
    parts = tail.rsplit(None, max_words)
    start = lo
    if len(parts) > max_words:
        # parts[0] is the text before the last max_words words; skip it and the whitespace after it.
        rest = tail[len(parts[0]) :]
        start = end - len(rest.lstrip())
    m = _LAST_BOUNDARY.match(text, start, end)
    return start if m is None else m.end()


def _lower(s: str) -> str:
    """Lower-case without changing the length (offsets into ``s`` stay valid)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in s)


def _expansions(short: str) -> tuple[str, ...]:
    """Spellings of ``short`` to align: as written, singular, with counted letters spelled out."""
    key = short_form_key(short)
    forms = [short] if key == short else [short, key]
    if _COUNTED_LETTER.fullmatch(key) is not None:
        forms.append(key[1] * int(key[0]))
    return tuple(forms)


def _long_form(text: str, short: str, start: int, end: int, *, whole: bool = False) -> tuple[int, int] | None:
    """The span of the long form of ``short`` in the window ``text[start:end]``, or None.

    The long form ends at the window's end. With ``whole`` (the order ``SF (long form)``) it must
    also start at the window's first word.
    """
    start, end = _strip_span(text, start, end, latex=False)
    if end - start <= len(short):
        return None
    window = text[start:end]
    index: list[int] | None = None
    if "\\" in window or "{" in window or "$" in window:
        window, index = _drop_markup(window)
    lw = _lower(window)
    if "~" in lw:
        lw = lw.replace("~", " ")
    prep = _prepared(short)
    if not whole:
        # Fast path: the short form's letters are the initials of the window's last words.
        i = _initials(prep.key_chars, window, lw)
        if i >= 0 and (span := _finish(text, short, start, end, i, index)) is not None:
            return span
    for form in prep.forms:
        i, penalty, inside, trailing = _align(form, window, lw, whole=whole)
        if i < 0 or penalty > _prepared(form).max_penalty:
            continue
        # Words after the last matched one: "Multi-Objective Reward learning method (MORE)" is fine,
        # but not many, and not after letters taken from inside words ("conduct amounts of ... (CNNs)").
        if not whole and (trailing > _MAX_TRAILING or (trailing and inside)):
            continue
        if (span := _finish(text, short, start, end, i, index)) is not None:
            return span
    return None


def _finish(
    text: str, short: str, start: int, end: int, i: int, index: list[int] | None
) -> tuple[int, int] | None:
    """The long form's span from its first matched word at ``i`` in the window at ``start``; checked."""
    # The long form starts at the start of the (whitespace-delimited) word holding the match.
    i = start + (i if index is None else index[i])
    while i > start and not text[i - 1].isspace():
        i -= 1
    long_start, long_end = _strip_span(text, i, end)
    long = text[long_start:long_end]
    if long.count("}") > long.count("{") and text[i:long_start].count("{") == 1:
        # Keep LaTeX markup balanced: "\textbf{D}ynamic \textbf{S}parse", not "D}ynamic \textbf{S}parse".
        long_start = i + len(text[i:long_start]) - len(_lstrip(text[i:long_start]))
        long = text[long_start:long_end]
    if len(long) > len(short) and _first_word_ok(long) and not _repeats_short(short, long):
        return long_start, long_end
    return None


def _initials(chars: tuple[str, ...], window: str, lw: str) -> int:
    """Where the window's last ``len(chars)`` words start if their initials spell ``chars``, else -1."""
    k = len(chars)
    size = len(lw)
    for m in _RUN.finditer(lw[::-1]):
        k -= 1
        rs = size - m.end()
        if k < 0 or lw[rs] != chars[k]:
            return -1
        if k == 0:
            return rs if _can_start(window, lw, rs, size - m.start(), size) else -1
    return -1


def _drop_markup(window: str) -> tuple[str, list[int]]:
    """``window`` without LaTeX markup, and the index in ``window`` of each character kept."""
    kept: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _MARKUP.finditer(window):
        kept.append(window[pos : m.start()])
        index.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(window[pos:])
    index.extend(range(pos, len(window)))
    return "".join(kept), index


def _first_word_ok(long: str) -> bool:
    """Is the long form's first word allowed to start a name (not "a", "our", "termed", ...)?"""
    words = long.split(None, 1)
    if not words:
        return False
    word = words[0]
    low = word.lower()
    return low not in _BAD_FIRST_WORDS_ANY_CASE and not (low in _BAD_FIRST_WORDS and word == low)


def _repeats_short(short: str, long: str) -> bool:
    """Does the long form contain the short form as a word ("7B-Instruct (7B)")?"""
    if short_form_key(short).lower() not in long.lower():
        return False
    words = _TOKEN_SPLIT.split(long.lower())
    return short.lower() in words or short_form_key(short).lower() in words


def _align(short: str, window: str, lw: str, *, whole: bool) -> tuple[int, int, int, int]:
    """Align ``short`` with the words of ``window`` (``lw``: its lower-cased copy).

    The window is split into runs of letters and digits. Going right to left, each run either is
    skipped or covers a stretch of the short form: the stretch's first character is the run's first
    character (or a capital inside it, ``averaGing``; or ``x`` of ``ex``/``cross``; or the run is a
    number word: ``2`` for ``to``) and the rest appear in order later in the run (``LoRA``: ``Lo`` from
    ``Low``; ``PPL``: all from ``perplexity``). The short form's first character must be the first
    character of a run that is not a determiner. The alignment with the lowest cost wins, then the
    shortest. Costs are

    * 1 for a capital of the short form matched to a lower-case letter inside a word (``Reward`` for
      ``REAR`` costs 3, ``REAlignment Reward`` nothing),
    * 1 for a skipped content word, and for each content word after the last matched one
      (``scalability due to reliance on global semidefinite programs (SDPs)`` costs 3); the parts of a
      hyphenated word after the first are skipped for free (``Self-Distilled Intra-Relational``),
    * 2 (1 for a lower-case letter of the short form) for a stretch starting inside a word (``H`` of
      ``CIPHER`` from ``Through``).

    Returns ``(start, penalty, inside, trailing)``: the index in ``window`` of the first run of the
    long form (-1 if there is no alignment), the alignment's skipped content words plus its cost for
    stretches starting inside words, the number of those stretches, and the number of content words
    after the last matched one. With ``whole`` the long form must start in the window's first word.
    """
    prep = _prepared(short)
    chars, upper, digit = prep.chars, prep.upper, prep.digit
    n = len(chars)
    size = len(lw)
    if n == 0 or size == 0:
        return -1, 0, 0, 0
    last = n - 1
    # The index of the last short-form character still to cover -> the best score so far.
    states: dict[int, int] = {last: 0}
    best = _NO_MATCH
    best_start = -1
    trailing = 0
    first_end = size
    if whole:
        ws = _WHITESPACE.search(lw)
        if ws is not None:
            first_end = ws.start()
    # Runs right to left, found lazily in the reversed window: most alignments stop after a few.
    for m in _RUN.finditer(lw[::-1]):
        rs = size - m.end()
        re_ = size - m.start()
        word = lw[rs:re_]
        first = word[0]
        has_caps: bool | None = None
        new: dict[int, int] = {}
        for r, score in states.items():
            if r == last:
                score = trailing * _COST + trailing
            if digit[r] and word in _NUMBER_WORDS.get(chars[r], _NO_WORDS):
                if r > 0:
                    if new.get(r - 1, _NO_MATCH) > score:
                        new[r - 1] = score
                elif score < best and _can_start(window, lw, rs, re_, first_end):
                    best, best_start = score, rs
            # Cover chars[k..r] with this run: match chars[r], chars[r-1], ... right to left (rightmost
            # occurrences) and try each as the stretch's first character.
            i = re_
            for k in range(r, -1, -1):
                c = chars[k]
                if c == first or (c == "x" and word.startswith(("ex", "cross"))):
                    if k > 0:
                        if new.get(k - 1, _NO_MATCH) > score:
                            new[k - 1] = score
                    elif score < best and _can_start(window, lw, rs, re_, first_end):
                        best, best_start = score, rs
                elif k == 0:
                    break
                j = lw.rfind(c, rs + 1, i)
                if j < 0:
                    break
                if c != first:
                    if has_caps is None:
                        has_caps = window[rs + 1 : re_] != word[1:]
                    p = j
                    if has_caps:
                        while p > rs and not (lw[p] == c and window[p].isupper()):
                            p -= 1
                    if p > rs and window[p].isupper():
                        start_score = score
                    else:
                        extra = 2 if upper[k] else 1
                        start_score = score + extra * (_COST + _PENALTY) + _INSIDE
                    if new.get(k - 1, _NO_MATCH) > start_score:
                        new[k - 1] = start_score
                i = j
                if upper[k] and not window[j].isupper():
                    score += _COST
        # Skipping this run keeps every state; a skipped content word costs 1.
        if word not in _FUNCTION_WORDS and (rs == 0 or lw[rs - 1] not in _JOINERS):
            trailing += 1
            for r in states:
                if r != last:
                    states[r] += _COST + _PENALTY
        for r, score in new.items():
            if states.get(r, _NO_MATCH) > score:
                states[r] = score
        # Stop once no partial alignment, nor one yet to start, can beat the best complete one.
        if (
            best_start >= 0
            and trailing * _COST >= best
            and all(score >= best for r, score in states.items() if r != last)
        ):
            break
    if best_start < 0:
        return -1, 0, 0, 0
    return best_start, (best >> 24) & _FIELD, (best >> 12) & _FIELD, best & _FIELD


def _can_start(window: str, lw: str, rs: int, re_: int, first_end: int) -> bool:
    """May the long form start with the run ``lw[rs:re_]``? Not a determiner (unless hyphenated)."""
    if rs >= first_end:
        return False
    if re_ < len(lw) and lw[re_] in _JOINERS:
        return True
    word = lw[rs:re_]
    return not (word in _BAD_FIRST_WORDS_ANY_CASE or (word in _BAD_FIRST_WORDS and window[rs].islower()))


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A short form's letters and digits, lower-cased, with which were capitals and digits."""

    chars: tuple[str, ...]
    upper: tuple[bool, ...]
    digit: tuple[bool, ...]
    max_penalty: int
    forms: tuple[str, ...]
    key_chars: tuple[str, ...]  # chars of the last form (singular, counted letters spelled out)


_PREPARED: dict[str, _Prepared] = {}


def _prepared(short: str) -> _Prepared:
    prep = _PREPARED.get(short)
    if prep is None:
        alnum = [c for c in short if c.isalnum()]
        forms = _expansions(short)
        prep = _Prepared(
            tuple(c.lower() if len(c.lower()) == 1 else c for c in alnum),
            tuple(c.isupper() for c in alnum),
            tuple(c.isdigit() for c in alnum),
            max(1, len(alnum) // 2),
            forms,
            tuple(c.lower() if len(c.lower()) == 1 else c for c in forms[-1] if c.isalnum()),
        )
        if len(_PREPARED) > 50_000:
            _PREPARED.clear()
        _PREPARED[short] = prep
    return prep
