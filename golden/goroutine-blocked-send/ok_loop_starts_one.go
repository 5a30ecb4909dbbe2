package golden

type replica struct{ healthy bool }

// The loop starts at most one goroutine: it breaks out right after the go statement.
func one(reps []replica) int {
	ch := make(chan int)
	for _, r := range reps {
		if r.healthy {
			go func() { ch <- ask(r) }()
			break
		}
	}
	return <-ch
}

func ask(replica) int { return 1 }
