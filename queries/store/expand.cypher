// name: store/expand
// description: One breadth-first step, ignoring direction: the neighbours of some nodes (by element id, within one transaction).
// parameters: $eids: list of element ids
// read-only: yes
UNWIND $eids AS eid
MATCH (n)
WHERE elementId(n) = eid
MATCH (n)--(m)
RETURN DISTINCT elementId(m) AS eid
