; `pkg.NewTicker(d)`, bound or used as `pkg.NewTicker(d).C`.
; The codemod checks that `pkg` is the time package and follows the ticker's lifetime.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function (#eq? @function "NewTicker"))) @call
