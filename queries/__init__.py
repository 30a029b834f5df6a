"""Named Cypher queries, one a file (``kg query list``); ``store/`` holds the Neo4j store's statements.

A named query file ``queries/<name>.cypher`` starts with a header of ``//`` comment lines::

    // name: shared-methods                      (the file name without .cypher)
    // title: Papers sharing methods with a paper
    // description: What it returns and how it ranks them; continuation lines
    //   are indented under the field.
    // parameters:                               (or "parameters: none")
    //   $paper: paper -- the paper: its id, arXiv id or exact title
    //   $k: integer = 1 -- at least this many shared methods
    //   $since: date = none -- optional, no value (travels as '', read as "any")
    // read-only: yes
    // example: kg query run shared-methods -p paper=a53d13144b1464db -p k=2

Parameter types (see :mod:`kg.query.params`): ``string``, ``integer``, ``float``, ``boolean``,
``date``, ``choice(a|b|c)``, ``paper`` (resolved from an id, arXiv id or exact title to the
paper's id) and the entity types ``method``, ``dataset``, ``task``, ``family``, ``model``,
``metric`` (resolved from the canonical name or any alias to the entity's id). Every value
reaches the store as a Cypher parameter; no query is ever built from a user's string.

After the header comes the statement. Results are ranked deterministically (every ORDER BY is
total, ties broken by id) so that the embedded store and Neo4j return identical rows.

Dialects. Most text runs unchanged on Neo4j and on the embedded engine (ladybug, the maintained
fork of Kùzu). Where they differ, the file keeps both variants side by side in sections::

    // dialect: neo4j
    WITH b, m ORDER BY m.name
    WITH b, collect(m.name) AS methods
    // dialect: embedded
    WITH b, list_sort(collect(m.name)) AS methods
    // dialect: end

Lines outside a section are common to both; :meth:`kg.query.named.NamedQuery.cypher` picks the
section for the store's dialect (:func:`kg.query.named.dialect_of`). The differences met so far:

* sorted lists: Neo4j keeps the order of rows sorted before ``collect`` (a ``WITH … ORDER BY``);
  the embedded engine allows ``ORDER BY`` in ``WITH`` only before ``SKIP``/``LIMIT`` and sorts a
  list with ``list_sort``;
* list comprehensions and ``reduce`` (Neo4j) are ``list_transform``/``list_reduce`` lambdas there,
  and lists index from 1, not 0;
* a relationship's type is ``type(r)`` in Neo4j and ``label(r)`` there; a node's label
  ``labels(n)[0]`` and ``label(n)``;
* shortest paths: ``allShortestPaths((a)-[*..10]-(b))`` in Neo4j, ``(a)-[* ALL SHORTEST 1..10]-(b)``
  there (both list every shortest path; the query picks one by its node ids);
* the embedded engine infers a parameter's type from the query and cannot bind a null, so optional
  parameters travel as ``''`` (``$since = '' OR …``), and ``$kind + ':'`` needs parentheses after
  ``STARTS WITH`` there.
"""
