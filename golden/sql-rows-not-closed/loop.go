package golden

import "database/sql"

func total(db *sql.DB, tables []string) int {
	n := 0
	for _, t := range tables {
		rows, err := db.Query("SELECT 1 FROM " + t) // want "rows `rows` from db.Query are never closed"
		if err != nil {
			continue
		}
		for rows.Next() {
			n++
			if n > 100 {
				break // leaves the rows open
			}
		}
	}
	return n
}
