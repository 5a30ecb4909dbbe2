; A send on, or a receive from, a field of a value: `n.status <- c`, `<-n.results`. The
; codemod checks that the value is the method's receiver and that only a run loop of its
; type serves the field.
(send_statement
  channel: (selector_expression)) @op
(unary_expression
  operator: "<-"
  operand: (selector_expression)) @op
