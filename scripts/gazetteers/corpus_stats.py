"""Word and phrase statistics from unannotated arXiv abstracts (read only, never written out).

They decide what is an ordinary word (written lowercase in running text), which capitals of a
task/metric name are proper, which hyphenated pieces are PDF line-break artefacts, and how often a
pattern occurs in the abstract pool.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable
from pathlib import Path

from .normalise import stat_tokens
from .readers import read_jsonl

ABSTRACT_FILES = (
    Path("arxiv_recent") / "arxiv_cscl_cslg_sample500.jsonl",
    Path("paper_code_links") / "arxiv_abstracts_with_recorded_code_url.jsonl",
)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")

Phrase = tuple[str, ...]


class CorpusStats:
    """Casing counts of words and frequencies of phrases in the abstract pool."""

    def __init__(self) -> None:
        self.lc: collections.Counter[str] = collections.Counter()  # seen lowercase (mid-sentence)
        self.uc: collections.Counter[str] = collections.Counter()  # seen capitalised (mid-sentence)
        self.vocab: collections.Counter[str] = collections.Counter()  # any casing, any position
        self.mention_lc: collections.Counter[str] = collections.Counter()  # lowercase in annotations
        self.pool_docs: list[Phrase] = []
        self.pool_freq: dict[Phrase, int] = {}

    # ---- loading ----

    def load_abstracts(self, ext: Path, log: list[str]) -> None:
        """Read the abstract samples under ``ext`` (a missing file is logged and skipped)."""
        for rel in ABSTRACT_FILES:
            path = ext / rel
            if not path.exists():
                log.append(f"stats: missing {path}")
                continue
            for rec in read_jsonl(path):
                abstract = rec.get("abstract") or ""
                self.pool_docs.append(stat_tokens(f"{rec.get('title') or ''} \n {abstract}"))
                for sent in _SENTENCE_END.split(abstract):
                    self._count_casing(_WORD.findall(sent))

    def _count_casing(self, toks: list[str]) -> None:
        """Count the casing of a sentence's words (and of the pieces of hyphenated ones)."""
        for i, tok in enumerate(toks):
            parts = [tok, *tok.split("-")] if "-" in tok else [tok]
            for part in parts:
                self.vocab[part.lower()] += 1
                if i == 0:
                    continue  # sentence-initial capitals say nothing
                if part.islower():
                    self.lc[part] += 1
                elif part[:1].isupper() and (part[1:].islower() or part.isupper()):
                    self.uc[part.lower()] += 1

    def add_mention_casing(self, texts: Iterable[str]) -> None:
        """Words that annotators wrote lowercase inside task/metric names (for sentence casing)."""
        for text in texts:
            for tok in text.split():
                if tok.islower():
                    self.mention_lc[tok] += 1

    def count_pool(self, phrases: set[Phrase]) -> None:
        """Count how often each of ``phrases`` (token tuples) occurs in the abstract pool."""
        by_len: dict[int, set[Phrase]] = collections.defaultdict(set)
        for ph in phrases:
            if ph:
                by_len[len(ph)].add(ph)
        firsts = {ph[0] for ph in phrases if ph}
        freq: collections.Counter[Phrase] = collections.Counter()
        for doc in self.pool_docs:
            for i, tok in enumerate(doc):
                if tok not in firsts:
                    continue
                for n, cands in by_len.items():
                    gram = doc[i : i + n]
                    if gram in cands:
                        freq[gram] += 1
        self.pool_freq = dict(freq)

    # ---- queries ----

    def pool_count(self, text: str) -> int:
        """Occurrences of ``text`` in the abstract pool (after :meth:`count_pool`)."""
        return self.pool_freq.get(stat_tokens(text), 0)

    def lowercase_usage(self, word: str) -> bool:
        """Written lowercase in running text, and often (the 'ordinary word' test)."""
        lo = self.lc[word.lower()]
        up = self.uc[word.lower()]
        return lo >= 5 and lo >= 1.5 * up

    def proper(self, word: str) -> bool:
        """Keep the capital of a Title-case word in a task/metric name (English, Atari, Inception)?"""
        low = word.lower()
        lo, up = self.lc[low] + self.mention_lc[low], self.uc[low]
        return up > 0 and lo < up

    def sentence_case(self, text: str) -> str:
        """Lowercase the Title-case words of ``text`` that are not proper names."""
        return " ".join(self._sentence_case_token(tok) for tok in text.split())

    def _sentence_case_token(self, tok: str) -> str:
        if (
            tok[:1].isupper()
            and tok[1:] == tok[1:].lower()
            and not any(ch.isdigit() for ch in tok)
            and not self.proper(tok.split("-")[0])
        ):
            return tok.lower()
        if "-" in tok:
            return "-".join(
                p.lower() if p[:1].isupper() and p[1:].islower() and not self.proper(p) else p
                for p in tok.split("-")
            )
        return tok

    def broken_word(self, text: str) -> bool:
        """PDF line-break hyphenation ("seg-mentation", "Wikipe-dia"): a lowercase piece of a
        hyphenated word that never occurs as a word in the abstract pool."""
        if not self.vocab:
            return False
        for tok in text.split():
            if "-" not in tok:
                continue
            for part in tok.split("-"):
                if part.isalpha() and len(part) >= 2 and part[1:].islower() and self.vocab[part.lower()] == 0:
                    return True
        return False
