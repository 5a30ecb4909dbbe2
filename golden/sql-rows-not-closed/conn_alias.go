package golden

import (
	"context"
	dbsql "database/sql"
)

func onConn(ctx context.Context, db *dbsql.DB) (bool, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SELECT 1") // want "rows `rows` from conn.QueryContext are never closed"
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}
