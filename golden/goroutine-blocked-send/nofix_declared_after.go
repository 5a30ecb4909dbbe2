package golden

import "strings"

func firstWord(text string) string {
	words := make(chan string) // want "only the first value is received"
	parts := strings.Fields(text)
	for _, p := range parts {
		go func() { words <- strings.ToUpper(p) }()
	}
	return <-words
}
