package golden

import "database/sql"

type queries struct {
	stmts map[string]*sql.Stmt
	byID  *sql.Stmt
}

// Prepared statements held in a field and in a map of the struct.
func (q *queries) names(kind string) ([]string, error) {
	rows, err := q.stmts[kind].Query() // want "rows `rows` from q.stmts.kind..Query are never closed"
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (q *queries) count(id int) (int, error) {
	rows, err := q.byID.Query(id) // want "rows `rows` from q.byID.Query are never closed"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 10 {
			break
		}
	}
	return n, nil
}
