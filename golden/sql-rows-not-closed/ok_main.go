package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, err := sql.Open("postgres", "")
	if err != nil {
		return
	}
	rows, err := db.Query("SELECT 1")
	if err != nil {
		return
	}
	fmt.Println(rows.Next())
}
