package golden

import "database/sql"

// A failed Exec returns with the transaction still open.
func rename(db *sql.DB, id int, name string) error {
	tx, err := db.Begin() // want "transaction `tx` from db.Begin is not committed or rolled back on every path: it leaks at the return on line 12"
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		return err
	}
	return tx.Commit()
}
