package golden

import "database/sql"

// rowserrcheck issue1 and #32: the caller closes the returned rows.
func query(db *sql.DB) (*sql.Rows, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return rows, nil
}
