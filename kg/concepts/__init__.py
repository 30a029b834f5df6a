"""Concepts and topics: key phrases mined from the corpus, papers linked to them, communities.

- :mod:`kg.concepts.text`: tokens with offsets and phrase keys (pure functions).
- :mod:`kg.concepts.mine`: statistical phrase mining over a corpus (the shipped vocabulary).
- :mod:`kg.concepts.vocabulary`: the shipped vocabulary, read once.
- :mod:`kg.concepts.link`: one paper's concepts with TF-IDF weights and evidence.
- :mod:`kg.concepts.similar`: weighted similarity over shared concepts and entities.
- :mod:`kg.concepts.topics`: Louvain communities of the paper-concept graph, labelled, stable ids.
- :mod:`kg.concepts.rows`: Concept nodes and ABOUT edges for the loader.
"""
