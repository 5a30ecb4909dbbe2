package golden

import "database/sql"

func deferred(db *sql.DB) (bool, error) {
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return false, err
	}
	defer rows.Close()
	return rows.Next(), nil
}
