package golden

import "database/sql"

// sqlclosecheck #49, rowserrcheck #16: closed in a deferred closure.
func closure(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return false, err
	}
	defer func() { _ = rows.Close() }()
	return rows.Next(), nil
}
