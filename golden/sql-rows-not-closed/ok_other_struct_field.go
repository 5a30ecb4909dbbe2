package golden

import "database/sql"

type index struct{}

func (index) Query(q string) (*sql.Rows, error) { return nil, nil }

// Two structs with a `db` field: the receiver says this one is not a database.
type SQLStore struct{ db *sql.DB }
type SearchStore struct{ db index }

func (s *SearchStore) count(q string) (int, error) {
	hits, err := s.db.Query(q)
	if err != nil {
		return 0, err
	}
	if hits == nil {
		return 0, nil
	}
	return 1, nil
}

func (s *SQLStore) ping() error { return s.db.Ping() }
