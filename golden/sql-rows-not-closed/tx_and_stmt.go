package golden

import "database/sql"

func inTx(db *sql.DB) (bool, error) {
	tx, err := db.Begin()
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	rows, err := tx.Query("SELECT 1") // want "rows `rows` from tx.Query are never closed"
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func prepared(db *sql.DB, id int) (bool, error) {
	stmt, err := db.Prepare("SELECT 1 WHERE id = ?")
	if err != nil {
		return false, err
	}
	defer stmt.Close()
	rows, err := stmt.Query(id) // want "rows `rows` from stmt.Query are never closed"
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}
