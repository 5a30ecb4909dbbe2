package golden

import (
	"context"
	"database/sql"
)

// Rows of the package's own: not database/sql's.
type Rows struct{ names []string }

// lookup declares methods that return no *sql.Rows: nothing of theirs needs closing.
type lookup interface {
	Find(ctx context.Context, id int) *sql.Row
	Names(ctx context.Context) ([]string, error)
	Cached(ctx context.Context) (*Rows, error)
}

func describe(ctx context.Context, l lookup, id int) (string, int, error) {
	var name string
	if err := l.Find(ctx, id).Scan(&name); err != nil {
		return "", 0, err
	}
	names, err := l.Names(ctx)
	if err != nil {
		return "", 0, err
	}
	cached, err := l.Cached(ctx)
	if err != nil {
		return "", 0, err
	}
	return name, len(names) + len(cached.names), nil
}
