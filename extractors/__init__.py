"""spaCy components that find paper-kg's entities in titles and abstracts.

Each component is a registered factory (see :mod:`extractors.factories`) with a
``default_config``. The shipped pipeline is the directory :data:`PIPELINE`: ``spacy.load`` of it
rebuilds the tokenizer, the rule components and the trained recogniser, with everything they need
shipped in this package (nothing is downloaded).
"""

from pathlib import Path

PIPELINE = Path(__file__).resolve().parent / "pipeline"
