package golden

import "database/sql"

// The break leaves the iteration before its end, where an explicit Close would go.
func firstTable(db *sql.DB, tables []string) string {
	found := ""
	for _, t := range tables {
		rows, err := db.Query("SELECT 1 FROM " + t) // want "rows `rows` from db.Query are never closed"
		if err != nil {
			continue
		}
		if rows.Next() {
			found = t
			break
		}
	}
	return found
}
