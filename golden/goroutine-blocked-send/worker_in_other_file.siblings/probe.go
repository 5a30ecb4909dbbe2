package golden

func probe(res chan int) {
	report(res, 7)
}

func report(res chan int, v int) {
	res <- v
}
