// name: embedded/read-count-nodes
// description: How many nodes a label has.
// parameters: none
// read-only: yes
// placeholders: {label}: a Label
MATCH (n:{label})
RETURN count(*) AS count
