"""Named Cypher queries, one a file (see each file's header)."""
