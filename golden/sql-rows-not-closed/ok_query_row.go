package golden

import "database/sql"

// QueryRow needs no Close.
func one(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT 1").Scan(&n)
	return n, err
}
