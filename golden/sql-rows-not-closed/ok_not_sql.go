package golden

import "database/sql"

type index struct{}

func (index) Query(q string) ([]string, error) { return []string{q}, nil }

// idx is not a database handle.
func search(idx index) int {
	hits, _ := idx.Query("go")
	return len(hits)
}

func ping(db *sql.DB) error { return db.Ping() }
