; `x.Query(...)` or `x.QueryContext(...)`; the codemod checks that `x` is evidently a
; *sql.DB, *sql.Tx, *sql.Conn or *sql.Stmt.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function (#any-of? @function "Query" "QueryContext"))) @call
