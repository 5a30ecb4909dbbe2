; A send on a field of a value, `s.events <- e`: the codemod checks that nothing in the
; package receives from that field or hands it out.
(send_statement
  channel: (selector_expression
    field: (field_identifier))) @send
