package golden

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// Close, Stop and a context's cancel of values acquired in the iteration: the wrap is safe.
func fetchAll(client *http.Client, urls []string) {
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close() // want "defer in a loop: resp.Body.Close\(\) waits until fetchAll returns"
		_ = resp.StatusCode
	}
}

func queryAll(db *sql.DB, queries []string) {
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			panic(err)
		}
		defer rows.Close() // want "defer in a loop: rows.Close\(\) waits until queryAll returns"
		for rows.Next() {
		}
	}
}

func pingAll(parent context.Context, db *sql.DB, n int) {
	for i := 0; i < n; i++ {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want "defer in a loop: cancel\(\) waits until pingAll returns"
		if err := db.PingContext(ctx); err != nil {
			panic(err)
		}
	}
}

func waitAll(in <-chan time.Duration) {
	for d := range in {
		t := time.NewTimer(d)
		defer t.Stop() // want "defer in a loop: t.Stop\(\) waits until waitAll returns"
		<-t.C
	}
}
