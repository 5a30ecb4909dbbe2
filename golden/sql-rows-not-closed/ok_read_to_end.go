package golden

import (
	"context"
	"database/sql"
)

// Rows read to the end: rows.Next closes them when it returns false.
func names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM t")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out = append(out, s)
	}
	return out, rows.Err()
}

func total(db *sql.DB, tables []string) (int, error) {
	n := 0
	for _, t := range tables {
		rows, err := db.Query("SELECT 1 FROM " + t)
		if err != nil {
			continue
		}
		for rows.Next() {
			n++
		}
		if err := rows.Err(); err != nil {
			return n, err
		}
	}
	return n, nil
}
