package golden

import (
	"context"
	"database/sql"
)

type repo struct {
	db *sql.DB
}

func (r *repo) exists(ctx context.Context, id int) (bool, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT 1 FROM t WHERE id = ?", id) // want "rows `rows` from r.db.QueryContext are never closed"
	if err != nil {
		return false, err
	}
	return rows.Next(), rows.Err()
}
