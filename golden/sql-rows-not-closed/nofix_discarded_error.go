package golden

import "database/sql"

// The error is discarded, so rows may be nil and rows.Close() would panic.
func any(db *sql.DB) bool {
	rows, _ := db.Query("SELECT 1") // want "rows `rows` from db.Query are never closed"
	return rows != nil && rows.Next()
}
