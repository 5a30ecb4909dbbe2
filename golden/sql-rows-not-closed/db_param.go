package golden

import "database/sql"

func names(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users") // want "rows `rows` from db.Query are never closed"
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
	return out, rows.Err()
}
