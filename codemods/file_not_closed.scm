; `pkg.Open(...)`, `pkg.Create(...)`, `pkg.OpenFile(...)`; the codemod checks that `pkg` is os.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function (#any-of? @function "Open" "Create" "OpenFile" "CreateTemp"))) @call
