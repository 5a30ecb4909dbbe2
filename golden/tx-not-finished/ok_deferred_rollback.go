package golden

import (
	"context"
	"database/sql"
)

// The usual shape: a deferred Rollback, then Commit.
func rename(ctx context.Context, db *sql.DB, id int, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		return err
	}
	return tx.Commit()
}

type store struct{}

// Not a database/sql handle.
func (store) Begin() (int, error) { return 0, nil }

func other(s store) int {
	n, _ := s.Begin()
	return n
}
