package golden

import "database/sql"

// The columns check returns before the deferred Close.
func columns(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT * FROM t") // want "rows `rows` from db.Query are not closed on every path: they leak at the return on line 13"
	if err != nil {
		return nil, err
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return cols, nil
}
