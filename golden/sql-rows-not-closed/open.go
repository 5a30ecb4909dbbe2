package golden

import (
	"context"
	"database/sql"
)

func count(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "SELECT 1") // want "rows `rows` from db.QueryContext are never closed"
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return 0, err // leaves the rows open
		}
		n += v
	}
	return n, rows.Err()
}
