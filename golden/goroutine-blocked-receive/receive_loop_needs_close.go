package golden

import "fmt"

func printer() {
	lines := make(chan string)
	go func() { // want "receiving from channel lines blocks forever"
		for {
			l, ok := <-lines
			if !ok {
				return
			}
			fmt.Println(l)
		}
	}()
}
