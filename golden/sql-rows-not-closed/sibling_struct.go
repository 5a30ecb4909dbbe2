package golden

import "context"

// The struct and its *sql.DB field are declared in another file of the package.
func (r *Repo) first(ctx context.Context) (string, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT name FROM users") // want "rows `rows` from r.db.QueryContext are never closed"
	if err != nil {
		return "", err
	}
	var s string
	if rows.Next() {
		err = rows.Scan(&s)
	}
	return s, err
}
