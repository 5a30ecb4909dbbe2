package golden

import "database/sql"

// Rows handed to a function, which may close them (sqlclosecheck cannot tell either).
func load(db *sql.DB, scan func(*sql.Rows) error) error {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return err
	}
	return scan(rows)
}
