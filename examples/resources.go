package leaky

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"time"
)

// Ping writes to a peer; the connection is closed only when the write happens.
func Ping(addr string, msg []byte) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	if len(msg) == 0 {
		return errors.New("empty message")
	}
	defer conn.Close()
	_, err = conn.Write(msg)
	return err
}

// Rename runs one update; a failed Exec leaves the transaction open.
func Rename(db *sql.DB, id int, name string) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE users SET name = ? WHERE id = ?", name, id); err != nil {
		return err
	}
	return tx.Commit()
}

// Next waits a minute for work; the timer is left running when work or cancellation wins.
func Next(ctx context.Context, work <-chan int) (int, error) {
	t := time.NewTimer(time.Minute)
	select {
	case v := <-work:
		return v, nil
	case <-t.C:
		return 0, errors.New("no work for a minute")
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
