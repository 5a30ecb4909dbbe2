; `pkg.WithCancel(...)` and its five siblings; the codemod checks that `pkg` is context
; and that the cancel function is bound to `_`.
(call_expression
  function: (selector_expression
    field: (field_identifier) @function
    (#any-of? @function
      "WithCancel" "WithTimeout" "WithDeadline"
      "WithCancelCause" "WithTimeoutCause" "WithDeadlineCause"))) @call
