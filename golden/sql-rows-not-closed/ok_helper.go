package golden

import "database/sql"

func closeRows(rows *sql.Rows) { _ = rows.Close() }

// sqlclosecheck #7 and #43: closed through a helper.
func helper(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return false, err
	}
	defer closeRows(rows)
	return rows.Next(), nil
}
