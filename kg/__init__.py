"""paper-kg: research papers into a knowledge graph of methods, datasets, models and tasks.

Importing ``kg`` is cheap; spaCy, neo4j and pyvis load only in the functions that need them.
"""

__version__ = "0.1.0"


def load_graph(spec: object = None) -> object:
    """The graph as a NetworkX ``MultiDiGraph`` (see :func:`kg.store.load_graph`)."""
    from kg.store import load_graph as load

    return load(spec)  # type: ignore[arg-type]
