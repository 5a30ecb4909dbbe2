package golden

import "database/sql"

// Read to the end (a false Next closes the rows) or closed on the early return.
func names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM t")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
