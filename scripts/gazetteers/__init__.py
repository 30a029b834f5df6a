"""Build paper-kg's spaCy EntityRuler gazetteers from independent external corpora.

    python scripts/build_gazetteers.py --external /work/shared/external --out extractors/patterns

Writes ``methods.jsonl``, ``datasets.jsonl``, ``tasks.jsonl`` and ``metrics.jsonl``: one EntityRuler
phrase pattern per line::

    {"label":"METHOD","pattern":"Direct Preference Optimization","id":"dpo","canonical":"DPO",
     "source":"pwc"}

``id`` is a slug of the canonical display name ``canonical``; every surface form (canonical name, full
name, abbreviations, spelling variants) is its own line with the same ``id``. Optional flags (present
only when true): ``needs_context`` (a common English / everyday-ML word: accept only with supporting
context), ``case_sensitive`` (match on exact casing only, e.g. the acronym ``BASE`` but not "base"),
``model_like`` (a PwC "method" that our annotation scheme treats as a pretrained *model*, e.g. BERT).

Only sources whose licence allows redistribution feed the shipped files (see docs/DATA_SOURCES.md):
Papers with Code methods (CC BY-SA 4.0), SciREX (Apache-2.0), TDMSci and NLP-TDMS (Apache-2.0).
SciERC, GSAP-NER and CS-NER state no licence and are used only with ``--include-unlicensed``, which
refuses to write into the package's pattern folder. The arXiv abstract samples are read only for word
and phrase statistics (what is an ordinary word, which phrases occur); no text from them is written.
The evaluation gold and the bundled corpus are never read.

Stdlib only; deterministic (same inputs give byte-identical outputs).

Modules (``pipeline.build`` runs the steps in order; ``cli`` parses the command line):

* ``sources/`` - one reader per corpus (``nlp_tdms``, ``pwc``, ``scirex``, ``tdmsci``, ``unlicensed``);
  they add entities to the per-label ``registry`` or annotated mentions to the pools of ``context``;
* ``pools`` + ``pool_filters`` - annotated mentions -> entities;
* ``registry`` - patterns, entities, merging (also of acronym-only entities with their expansions);
* ``metrics_table`` - built-in metric synonyms; ``variants`` - spelling variants of patterns;
* ``selection``, ``alignment`` (ids), ``conflicts`` and ``finalize`` - what is written, under which id;
* ``write`` - the JSONL files and the README counts;
* helpers: ``english`` and ``wordlists`` (word lists), ``corpus_stats`` (abstract statistics),
  ``normalise``, ``acronyms``, ``naming`` (is it a name?), ``metric_names``, ``readers``.
"""
