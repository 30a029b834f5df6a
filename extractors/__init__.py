"""spaCy components that find paper-kg's entities in titles and abstracts.

Each component is a registered factory (see :mod:`extractors.factories`) with a
``default_config``; they run on ``spacy.blank("en")`` with data shipped in this package.
"""
