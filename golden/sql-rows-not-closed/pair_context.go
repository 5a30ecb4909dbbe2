package golden

import (
	"context"
	"database/sql"
	"time"
)

// A context and rows in one function: both get a defer.
func first(parent context.Context, db *sql.DB) (string, error) {
	ctx, _ := context.WithTimeout(parent, time.Second)      // want "the cancel function returned by context.WithTimeout is discarded"
	rows, err := db.QueryContext(ctx, "SELECT name FROM t") // want "rows `rows` from db.QueryContext are never closed"
	if err != nil {
		return "", err
	}
	var name string
	if rows.Next() {
		err = rows.Scan(&name)
	}
	return name, err
}
