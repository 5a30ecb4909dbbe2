package golden

import (
	"context"
	"os"
	"time"
)

func stamp(ctx context.Context, names []string) {
	for _, name := range names {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			panic(err)
		}
		defer f.Close() // want "defer in a loop: f.Close\(\)"
		cctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel() // want "defer in a loop: cancel\(\)"
		<-cctx.Done()
		f.WriteString(time.Now().String() + "\n")
	}
}
