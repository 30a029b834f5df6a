"""The extraction pipeline: ``spacy.blank("en")`` plus paper-kg's registered components."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.aliases import AliasTable
from kg.model import Mention, Paper

if TYPE_CHECKING:
    from spacy.language import Language

# Fewer texts than this per worker are not worth a process.
MIN_CHUNK = 1000


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    """The shipped extraction pipeline: ``spacy.load`` of ``extractors/pipeline``.

    Its ``config.cfg`` names the tokenizer, the component order and every component's settings;
    the trained recogniser keeps its weights beside it (see ``scripts/train/``).
    """
    import spacy

    import extractors.factories  # noqa: F401  (registers the factories and the tokenizer)
    from extractors import PIPELINE

    return spacy.load(PIPELINE)


# The trained parts of the pipeline; without them it is the rule layer alone (faster, less accurate).
TRAINED = ("tok2vec", "ner", "kg_learned", "kg_lexicon", "kg_filter", "kg_roles")


@lru_cache(maxsize=1)
def make_rules_nlp() -> Language:
    """The shipped pipeline without its trained components: the rule finders and the resolver."""
    import spacy

    import extractors.factories  # noqa: F401
    from extractors import PIPELINE

    return spacy.load(PIPELINE, exclude=list(TRAINED))


def extract(
    papers: Iterable[Paper],
    *,
    batch_size: int = 256,
    workers: int = 1,
    aliases: AliasTable | None = None,
) -> Iterator[tuple[Paper, list[Mention]]]:
    """Each paper with the mentions found in its title and abstract, in input order.

    Two passes: the spaCy pipeline on every paper, then short forms that any paper defined
    (or that ``aliases`` already knows, e.g. from the stored graph) are linked where other
    papers use them without a definition.
    """
    papers = list(papers)
    texts = [paper.text for paper in papers]
    found = list(zip(papers, _mentions_parallel(texts, workers, batch_size), strict=True))
    table = aliases or AliasTable()
    for _, mentions in found:
        table.learn_mentions(mentions)
    table.count_uses(found)
    for paper, mentions in found:
        yield paper, table.link(paper, mentions)


@contextmanager
def fewer_collections(threshold: int = 50_000) -> Iterator[None]:
    """Run the young-generation garbage collector less often for a while.

    Extraction allocates many short-lived objects and almost no reference cycles; at Python's
    default threshold (700) the collector's passes cost about 7% of the run.
    """
    previous = gc.get_threshold()
    gc.set_threshold(max(threshold, previous[0]), *previous[1:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def mentions_of(texts: list[str], batch_size: int = 256) -> list[list[Mention]]:
    """The mentions in each text, in this process."""
    from extractors.state import doc_state

    nlp = make_nlp()
    with fewer_collections():
        return [list(doc_state(doc).mentions or []) for doc in nlp.pipe(texts, batch_size=batch_size)]


def _mentions_parallel(texts: list[str], workers: int, batch_size: int) -> list[list[Mention]]:
    """``mentions_of`` over ``workers`` processes, in order; small inputs stay in this process."""
    chunks = max(1, min(workers, len(texts) // MIN_CHUNK))
    if chunks == 1:
        return mentions_of(texts, batch_size)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(texts) // chunks)
    parts = [texts[i : i + size] for i in range(0, len(texts), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=chunks, mp_context=context) as pool:
        results = pool.map(mentions_of, parts, [batch_size] * len(parts))
        return [mentions for part in results for mentions in part]
