package golden

import (
	"fmt"
	tm "time"
)

func report(d tm.Duration) {
	ticker := tm.NewTicker(d) // want "ticker `ticker` from time.NewTicker is never stopped"
	<-ticker.C
	fmt.Println("done")
}
