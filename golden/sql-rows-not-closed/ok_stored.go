package golden

import "database/sql"

type cursor struct {
	rows *sql.Rows
}

// Kept in a struct for later, as sqlclosecheck assumes too.
func open(db *sql.DB) (*cursor, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return nil, err
	}
	return &cursor{rows: rows}, nil
}
