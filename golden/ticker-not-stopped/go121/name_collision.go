package golden

import (
	"fmt"
	"time"
)

func waitOnce() {
	ticker := "label"
	fmt.Println(ticker)
	<-time.NewTicker(time.Second).C // want "NewTicker.*C makes a ticker"
}
