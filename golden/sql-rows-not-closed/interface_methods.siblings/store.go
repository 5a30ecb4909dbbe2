package golden

import (
	"context"
	"database/sql"
)

// userStore declares methods returning rows: whoever implements one hands over fresh rows.
type userStore interface {
	ListUsers(ctx context.Context) (*sql.Rows, error)
	Query(ctx context.Context, filter string) (*sql.Rows, error)
	CountUsers(ctx context.Context) (int, error)
	UserNames(ctx context.Context) ([]string, error)
}

// store embeds it.
type store interface {
	userStore
	Close() error
}

type service struct {
	users userStore
}

// pgStore implements part of it; its ListUsers is an opener of the package too.
type pgStore struct {
	db *sql.DB
}

func (p *pgStore) ListUsers(ctx context.Context) (*sql.Rows, error) {
	return p.db.QueryContext(ctx, "SELECT name FROM users")
}
