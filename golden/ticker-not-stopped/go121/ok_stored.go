package golden

import "time"

type poller struct {
	t *time.Ticker
}

func (p *poller) start(d time.Duration) {
	p.t = time.NewTicker(d)
}

func (p *poller) restart(d time.Duration) {
	t := time.NewTicker(d)
	p.t = t
}
