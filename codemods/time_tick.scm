; `pkg.Tick(d)`; the codemod checks that `pkg` is the time package.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function (#eq? @function "Tick"))) @call
