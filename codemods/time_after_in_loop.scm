; `case <-pkg.After(d):` or `case v := <-pkg.After(d):` in a select.
; The codemod checks that `pkg` is the time package and that a loop encloses the select.
(communication_case
  communication: (receive_statement
    right: (unary_expression
      operand: (call_expression
        function: (selector_expression
          operand: (identifier) @package
          field: (field_identifier) @function (#eq? @function "After"))) @call))) @case
