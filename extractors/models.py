"""Named pretrained models in titles and abstracts, each with its family.

``find_models("We fine-tune Llama-2-Chat-13B and GPT-4o ...")`` finds ``Llama-2-Chat-13B``
(family ``Llama``) and ``GPT-4o`` (family ``GPT``). Pure Python (stdlib :mod:`re`), no spaCy.

How a name is recognised
------------------------
1. A family **stem** from ``patterns/model_families.jsonl`` (``Llama``, ``Code Llama``,
   ``Qwen``, ``Flan-T5``, ``ChatGPT``, ...). Spaces, hyphens and underscores inside a stem are
   optional (``Code Llama`` = ``CodeLlama`` = ``Code-Llama``). Each stem has a case policy, the
   field it is listed under in the table:

   ``patterns``
       any casing: distinctive names (``Llama``, ``RoBERTa``, ``Mixtral``).
   ``cased``
       as written in the table (``BERT``, ``OPT``, ``CLIP``, ``PaLM``, ``Claude``), so "we opt
       for", "clip art" and "palm reading" are not models.
   ``proper``
       ordinary words (``Falcon``, ``Orca``, ``Dolly``, ``Mamba``, ``Whisper``): as written and
       either followed by a version/size ("Falcon-40B") or capitalised in the middle of a
       sentence that is not a title-case line ("compared with Falcon and ...").
   ``versioned``
       too ambiguous alone (``Phi``, ``Yi``, ``SAM``, ``DINO``, ``GLM``, ``MPT``): as written and
       followed by a version/size ("Phi-3-mini", "SAM 2", "DINOv2").

   A cased/proper/versioned stem written in another casing is still a model when a hyphenated
   or attached suffix follows (``bert-base-uncased``, ``falcon-7b``, ``phi-2``): that is how
   model identifiers are written, and ordinary words do not take such suffixes.
2. An optional, repeatable **suffix**: versions (``2``, ``3.1``, ``v0.1``, ``4o``, ``4V``),
   sizes (``7B``, ``8x7B``, ``1.3b``, ``350M``, ``A3B``, ``4k``), variants (``Instruct``,
   ``Chat``, ``it``, ``XXL``, ``base``, ``Turbo``, ``Opus``, ...), patch sizes (``B/16``),
   other family stems (``CLIP-ViT-L/14``, ``DeepSeek-R1-Distill-Qwen-7B``) and capitalised
   words that continue the name (``ERNIE-Gram``, ``Hunyuan-TurboS``; not Title Case modifiers
   like ``-Based``/``-Like``). Hyphens and underscores separate any suffix token; a space
   separates only versions, sizes and capitalised variants ("Claude 3 Opus", "Llama 2 70B",
   "BERT large"); a version may be attached ("Qwen2.5", "DINOv2").
3. Names not in the table, each its own family: a capitalised name followed by a hyphenated
   parameter count (``Komodo-7B``, ``X-ALMA-13B``, ``Sailor2-8B``; family ``Komodo``,
   ``X-ALMA``, ``Sailor``), and compounds ending in BERT/RoBERTa/GPT/T5/LLaMA (``BanglaBERT``).

Matches never start inside a word or after a hyphen (``BERTScore``, ``GPTs``, ``LLMs``,
``pre-BERT`` are not models), never lie inside a URL, and do not overlap; at one position the
longest name wins. A company or benchmark named after a model is not the model ("Mistral AI",
"Alpaca-Eval", "Vicuna Benchmark"), nor is a "Bloom filter".
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.names import slug
from extractors.wordlists import entries, load

FAMILIES_FILE = Path(__file__).with_name("patterns") / "model_families.jsonl"

POLICIES = ("patterns", "cased", "proper", "versioned")


@dataclass(frozen=True, slots=True)
class ModelMatch:
    """A model name as written (``text[start:end] == name``) and its family."""

    name: str
    family: str
    family_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Family:
    """One row of the family table."""

    id: str
    family: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Stem:
    family: Family
    any_case: bool  # listed under "patterns"
    forms: dict[str, str]  # separator-free spelling as written -> its policy ("cased", ...)


_SEPARATORS = re.compile(r"[-_ ·]+")


def _squash(text: str) -> str:
    """Drop separators: "Code Llama" -> "CodeLlama"."""
    return _SEPARATORS.sub("", text)


# ---------------------------------------------------------------------------------------------
# Suffix grammar. Case-insensitive parts are spelled out ("[bB]", folded tries) instead of using
# IGNORECASE: ``re`` then skips alternatives whose first character cannot match in one step.

_VARIANTS = entries("model_variants")
# Written after a space, a variant must look like part of the name: capitalised, or one of
# these lowercase words (with "base"/"large"/"small" not starting a phrase: "GPT-4 large language").
_SPACE_VARIANTS = entries("model_space_variants")

_SIZE = r"(?:\d+[xX])?\d+(?:\.\d+)?[bBmMkKtT]\d*"
_SPACED_SIZE = r"(?:\d+[xX])?\d+(?:\.\d+)?[bBmMkK]\d*"
_ACTIVE = r"[aA]\d+(?:\.\d+)?[bB]"
_VERSION = r"(?:[vV]\d+(?:\.\d+)*|\d+(?:\.\d+)*(?:[oOvV](?![a-zA-Z]))?)"
_LETTER_NUMBER = r"[a-zA-Z]{1,2}\d+(?:\.\d+)*"
_LETTER = r"(?:[BSLHGTE]|g)(?:/\d+)?(?![a-zA-Z])"
_ATTACHED = r"(?:(?<=[^\W\d_])\d+(?:\.\d+)*(?:[oOvV](?![a-zA-Z]))?|[vV]\d+(?:\.\d+)*)"
# A capitalised word continuing a hyphenated name ("Hunyuan-TurboS", "CodeLlama-Python"), but
# not a Title Case modifier ("BERT-Based", "GPT-4-Generated", "Llama-Like") or a benchmark.
_NAME_WORD = r"[A-Z][A-Za-z0-9]+(?<!ed)" + "".join(
    f"(?<!{re.escape(word)})" for word in entries("model_name_word_exclusions")
)
_NOT_A_PHRASE = (
    r"(?![ -](?:scale|language|multimodal|vision|amounts?|numbers?|margins?|gains?|improvements?|"
    r"corpora|corpus|datasets?|vocabular))"
)
_NOT_A_COUNT = (
    r"(?![.,]?\d|\s?(?:%|\u00d7|x\b|times\b|layers?\b|heads?\b|points?\b|pp\b|epochs?\b|percent\b|"
    r"shots?\b|-shot|-layer|-fold|-way|-dim|-gram|-d\b|-best|-of))"
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _word_trie(words: Iterable[str], fold: bool) -> str:
    trie = _Trie()
    for word in words:
        trie.add(list(word))
    return trie.regex(fold)


def _suffix_regex(stem_trie: str) -> str:
    """Versions, sizes and variants after a stem; ``stem_trie`` (folded) chains another stem."""
    hyphen_token = "|".join(
        (
            _SIZE,
            _ACTIVE,
            _VERSION,
            _LETTER_NUMBER,
            r"[pP]atch\d+",
            r"\d+px",
            rf"{_word_trie(_VARIANTS, fold=True)}(?![a-zA-Z])",
            _LETTER,
            r"distilled(?=[-_]\d)",
            _NAME_WORD,
            stem_trie,
        )
    )
    space_token = "|".join(
        (
            rf"{_SPACED_SIZE}(?![a-zA-Z])",
            rf"\d{{1,2}}(?:\.\d+)*[oV]?{_NOT_A_COUNT}",
            r"[RVK]\d+(?:\.\d+)?",
            r"v\d+(?:\.\d+)*",
            _word_trie(_SPACE_VARIANTS, fold=False),
            rf"(?:base|large|small){_NOT_A_PHRASE}",
        )
    )
    return (
        rf"(?:{_ATTACHED})?"
        rf"(?:[-_](?:{hyphen_token})(?![a-zA-Z0-9])|[ \u00a0](?:{space_token})(?![a-zA-Z0-9]))*"
    )


# ---------------------------------------------------------------------------------------------
# Family table


class _Trie:
    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.end = False

    def add(self, units: list[str]) -> None:
        node = self
        for unit in units:
            node = node.children.setdefault(unit, _Trie())
        node.end = True

    def regex(self, fold: bool = False) -> str:
        """The trie as a regex; ``fold``: letters as ``[xX]`` classes (case-insensitive without
        IGNORECASE, which keeps ``re``'s quick skipping of alternatives that cannot match)."""
        parts = []
        for unit, child in sorted(self.children.items()):
            if unit == " ":
                head = r"[-_ ·]?"
            elif fold and unit.upper() != unit and len(unit.upper()) == 1:
                head = f"[{unit}{unit.upper()}]"
            else:
                head = re.escape(unit)
            parts.append(head + child.regex(fold))
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if self.end else body


def _units(pattern: str) -> list[str]:
    """Lowercase characters, with every separator run collapsed to one optional-separator unit."""
    return list(_SEPARATORS.sub(" ", pattern.lower()).strip(" "))


def _load_table(path: Path) -> tuple[list[Family], dict[str, _Stem]]:
    """The family table and its stems, keyed by lowercase separator-free spelling."""
    families: list[Family] = []
    stems: dict[str, _Stem] = {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            family = Family(id=row["id"], family=row["family"], kind=row.get("kind", "model"))
            families.append(family)
            for policy in POLICIES:
                for pattern in row.get(policy, ()):
                    key = _squash(pattern).lower()
                    old = stems.get(key)
                    if old is not None and old.family != family:
                        raise ValueError(f"{path}:{number}: stem {pattern!r} already in {old.family.id}")
                    stem = old or stems.setdefault(key, _Stem(family, False, {}))
                    if policy == "patterns":
                        stems[key] = stem = _Stem(family, True, stem.forms)
                    stem.forms[_squash(pattern)] = policy
    return families, stems


# ---------------------------------------------------------------------------------------------
# The matcher

_GENERIC_STOP = load("model_generic_stems")
_GENERIC_TAIL = re.compile(
    rf"(?:-(?:{_alternation(_VARIANTS)}|v?\d+(?:\.\d+)*|[a-z]{{1,2}}\d+))+$", re.IGNORECASE
)
_GENERIC_CUT = re.compile(r"-(?:v?\d[\d.]*)(?:-.*)?$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?:\n\r")
_OPENERS = frozenset(" \t\"'\u201c\u2018([")
_WORD = re.compile("[^\\W\\d_][\\w'\u2019-]*")
_GENERIC_SIZE = r"(?:\d+x)?\d+(?:\.\d+)?[BMb]"
# Unlisted names built on a famous one: "BanglaBERT", "HingRoBERTa", "SwitchGPT", "ParsT5".
_COMPOUND_HEADS = entries("model_compound_heads")
# After a name: not a word, file or score ("llama.cpp", "BERTScore"), a company ("Mistral AI"), a
# benchmark named after a model ("Alpaca-Eval", "Llama Bench"), or "Bloom filter".
_END = r"(?!\w|\.[A-Za-z]|-?[Ss]core| AI\b|[- ]?(?:Eval|Bench)|'s taxonomy| filters?\b)"
# The first word of a lowercase or unlisted name, found back from where it ends.
_LOWERCASE_CHARS = frozenset(string.ascii_lowercase + string.digits + "-")
_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "-")
_LOWERCASE_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_CAPITALISED_WORD = re.compile(r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*")


def _word_before(text: str, end: int, chars: frozenset[str], word: re.Pattern[str]) -> int:
    """Start of the ``word`` that ends at ``end`` and starts a word of the text, or -1."""
    start = end
    limit = max(0, end - 60)
    while start > limit and text[start - 1] in chars:
        start -= 1
    if start and (text[start - 1].isalnum() or text[start - 1] in "_@-"):
        return -1
    return start if word.fullmatch(text, start, end) else -1


def _by_position(match: ModelMatch) -> tuple[int, int]:
    return match.start, -match.end


# A URL with a scheme or "www.", or a bare "domain.tld/path", at the start of a token.
_URL = re.compile(r"[(\[<\"'`]*(?:https?://|www\.|(?:[\w-]+\.)+[a-z]{2,}/)", re.IGNORECASE)


def _in_url(text: str, start: int) -> bool:
    """Whether a name starting at ``start`` is part of a URL (the token holding it starts as one)."""
    token_start = start
    while token_start > 0 and not text[token_start - 1].isspace():
        token_start -= 1
    return _URL.match(text, token_start) is not None


def _generic_family(stem: str) -> str:
    """ "Komodo" for "Komodo", "Sailor" for "Sailor2", "LLaMAntino" for "LLaMAntino-3-ANITA"."""
    family = _GENERIC_TAIL.sub("", _GENERIC_CUT.sub("", stem)) or stem
    return re.sub(r"(?<=[A-Za-z]{3})\d+(?:\.\d+)*$", "", family) or family


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _title_case_line(text: str, start: int, end: int) -> bool:
    """Whether the line around ``start:end`` (without it) looks like a title in Title Case."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    words: list[str] = _WORD.findall(text, line_start, start)
    words += _WORD.findall(text, end, len(text) if line_end < 0 else line_end)
    long_words = [w for w in words if len(w) > 3]
    if len(long_words) >= 2:
        words = long_words
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


class ModelFinder:
    """A compiled family table: :meth:`find` gives the model names in a text.

    Speed: Python's ``re`` skips quickly through a text only to characters that can start a
    match when every alternative of the pattern starts with a literal character. So one such
    scan finds the candidates: a capital starting a word and a table stem, or a place where a
    lowercase or unlisted name may end its first word (a lowercase letter followed by a digit,
    underscore, or capital as in "mT5"; a hyphen followed by a digit or variant word, as in
    "gpt-4", "roberta-large", "Komodo-7B"). Each candidate is then parsed by the full pattern
    from the start of its word.
    """

    def __init__(self, path: Path = FAMILIES_FILE) -> None:
        self.families, self.stems = _load_table(path)
        self.by_id = {f.id: f for f in self.families}
        self._lookups: dict[str, tuple[_Stem | None, str]] = {}
        trie = _Trie()
        for pattern in self._all_patterns(path):
            trie.add(_units(pattern))
        stems = trie.regex(fold=True)
        suffix = _suffix_regex(stems)
        generic = (
            r"(?P<gstem>[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9][A-Za-z0-9]*)*?)[-_]"
            rf"(?P<gsuf>{_GENERIC_SIZE}(?![A-Za-z0-9]){suffix})"
        )
        compound = rf"(?P<cstem>[A-Z][A-Za-z]*?(?:{_alternation(_COMPOUND_HEADS)}))(?P<csuf>{suffix})"
        # The full grammar at a word start; used from a known start (and by family_of).
        self.pattern = re.compile(
            rf"(?<![\w@-])(?:(?P<stem>{stems})(?P<suf>{suffix})|{generic}|{compound}){_END}"
        )
        scan = []
        for letter in string.ascii_uppercase:
            # At a word start: a table stem. After a lowercase letter: "mT5", or the head of a
            # compound ("BanglaBERT"), which may also follow a capital ("HingMBERT").
            child = trie.children.get(letter.lower())
            branches = [rf"(?<![\w@-].){child.regex(fold=True)}"] if child else []
            heads = "|".join(
                rf"{re.escape(head[1:])}(?![A-Za-z0-9])" for head in _COMPOUND_HEADS if head[0] == letter
            )
            after_lower = rf"(?<=(?<![\w@-])[a-z]{letter})"
            if heads:
                branches.append(rf"(?<=[a-z]{letter})(?:{after_lower}|(?=(?:{heads})))")
                branches.append(rf"(?<=[A-Z]{letter})(?=(?:{heads}))")
            else:
                branches.append(after_lower)
            scan.append(rf"{letter}(?:{'|'.join(branches)})")
        scan.extend(rf"{digit}(?<=[a-z]{digit})" for digit in string.digits)
        variants = _word_trie(_VARIANTS, fold=True)
        scan.append(rf"-(?:(?<=[A-Za-z0-9]-)(?=\d|{variants}(?![A-Za-z]))|(?<=[a-z]-)(?=[A-Z]))")
        scan.append(r"_(?<=[a-z]_)")
        self._scan = re.compile("|".join(scan))

    @staticmethod
    def _all_patterns(path: Path) -> Iterator[str]:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    for policy in POLICIES:
                        yield from row.get(policy, ())

    def _judge(self, text: str, m: re.Match[str], lenient: bool) -> tuple[str, str] | None:
        """(family, family id) of a regex match, or None when the case/context rules reject it."""
        start = m.start()
        if m.start("cstem") >= 0:
            compound = m.group("cstem")
            known = self.stems.get(_squash(compound).lower())
            if known is not None:
                return known.family.family, known.family.id
            return compound, slug(compound)
        if m.start("stem") < 0:
            stem_text = text[start : m.end("gstem")]
            if not lenient and (stem_text in _GENERIC_STOP or sum(c.isalpha() for c in stem_text) < 2):
                return None
            family = _generic_family(stem_text)
            known = self.stems.get(_squash(family).lower())
            if known is not None:
                return known.family.family, known.family.id
            return family, slug(family)
        stem_text = m.group("stem")
        looked_up = self._lookups.get(stem_text)
        if looked_up is None:
            if len(self._lookups) > 50_000:
                self._lookups.clear()
            squashed = _squash(stem_text)
            looked_up = self._lookups[stem_text] = (self.stems.get(squashed.lower()), squashed)
        stem, squashed = looked_up
        if stem is None:
            return None
        result = stem.family.family, stem.family.id
        if lenient or stem.any_case:
            return result
        suffix = m.group("suf")
        policy = stem.forms.get(squashed)
        if policy is None:
            # bert-base-uncased, falcon-7b, Phi-2 written "phi-2": identifiers take any case.
            return result if suffix and suffix[0] not in " \u00a0" else None
        if policy == "cased" or suffix:
            return result
        if policy == "versioned":
            return None
        if _sentence_initial(text, start) or _title_case_line(text, start, m.end()):
            return None
        return result

    def find(self, text: str) -> list[ModelMatch]:
        found: list[ModelMatch] = []
        covered = 0
        tried: set[int] = set()
        parse = self.pattern.match
        judge = self._judge
        for candidate in self._scan.finditer(text):
            start = candidate.start()
            if start < covered:
                continue
            if (
                candidate.end() - start == 1
                and start
                and (text[start - 1].isalnum() or text[start - 1] in "_@-")
            ):
                # Inside the first word of a lowercase or unlisted name: back to its start.
                first = _word_before(text, start, _LOWERCASE_CHARS, _LOWERCASE_WORD)
                if first < 0 and not text[start].isdigit():
                    first = _word_before(text, start, _WORD_CHARS, _CAPITALISED_WORD)
                if first < 0 or first in tried:
                    continue
                start = first
                tried.add(start)
            m = parse(text, start)
            if m is None:
                continue
            judged = judge(text, m, False)
            if judged is not None:
                covered = m.end()
                found.append(ModelMatch(m.group(), judged[0], judged[1], start, covered))
        if tried and len(found) > 1:
            found.sort(key=_by_position)
            kept = found[:1]
            for f in found[1:]:
                if f.start >= kept[-1].end:
                    kept.append(f)
            found = kept
        if found and "/" in text:
            found = [f for f in found if not _in_url(text, f.start)]
        return found

    def family_of(self, name: str) -> tuple[str, str] | None:
        name = name.strip()
        m = self.pattern.fullmatch(name) or self.pattern.match(name)
        if m is not None:
            judged = self._judge(name, m, lenient=True)
            if judged is not None:
                return judged
        stem = self.stems.get(_squash(name).lower())
        return (stem.family.family, stem.family.id) if stem else None


@cache
def default_finder() -> ModelFinder:
    """The finder for the shipped family table (compiled once)."""
    return ModelFinder()


def find_models(text: str) -> list[ModelMatch]:
    """Model names in ``text``, sorted by start, non-overlapping."""
    return default_finder().find(text)


def family_of(name: str) -> tuple[str, str] | None:
    """(family display name, family id) for a model name, e.g. "LLaMA-2-7B" -> ("Llama", "llama")."""
    return default_finder().family_of(name)
