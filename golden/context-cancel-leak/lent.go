package golden

import (
	"context"
	"database/sql"
	"log/slog"
	"os/exec"
	"time"
)

// Calls known to give the context back when they return: the fix is safe.

// A command run to completion.
func output(parent context.Context, name string) ([]byte, error) {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "the cancel function returned by context.WithTimeout is discarded"
	return exec.CommandContext(ctx, name).Output()
}

type store struct {
	db  *sql.DB
	log *slog.Logger
}

// Methods of the package that only borrow it, and of standard-library types.
func (s *store) count(parent context.Context) (int, error) {
	ctx, _ := context.WithTimeout(parent, time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	s.log.InfoContext(ctx, "counting")
	return s.scan(ctx, "SELECT count(*) FROM t")
}

func (s *store) scan(ctx context.Context, query string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}
