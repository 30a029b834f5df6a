// name: store/probe
// description: Check that the database answers (opening a store read-only).
// parameters: none
// read-only: yes
RETURN 1 AS ok
