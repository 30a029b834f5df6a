"""paper-kg: research papers into a knowledge graph of methods, datasets, models and tasks.

Importing ``kg`` is cheap; spaCy, neo4j and pyvis load only in the functions that need them.
"""

__version__ = "0.1.0"
