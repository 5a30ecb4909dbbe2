package golden

import (
	"context"
	"database/sql"
)

type ledger struct {
	db *sql.DB
}

// begin hands back the transaction BeginTx started: an opener.
func (l *ledger) begin(ctx context.Context) (*sql.Tx, error) {
	return l.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
}

// A failed Exec returns with the transaction from the opener still open.
func (l *ledger) move(ctx context.Context, from, to, amount int) error {
	tx, err := l.begin(ctx) // want "transaction `tx` from l.begin \(which returns the transaction from l.db.BeginTx\) is not committed or rolled back on every path: it leaks at the return on line 24"
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - ? WHERE id = ?", amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}
