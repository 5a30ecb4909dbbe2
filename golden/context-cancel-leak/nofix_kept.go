package golden

import (
	"context"
	"log"
	"os/exec"
	"time"
)

// Canceling when these functions return would change what they leave running.

// The child process is killed once ctx is done: canceling at return kills it.
func spawn(parent context.Context, name string) error {
	ctx, _ := context.WithTimeout(parent, time.Hour) // want "the cancel function returned by context.WithTimeout is discarded"
	cmd := exec.CommandContext(ctx, name)
	return cmd.Start()
}

// f runs once ctx is done: canceling at return runs it at once.
func after(parent context.Context) error {
	ctx, _ := context.WithTimeout(parent, 5*time.Second) // want "the cancel function returned by context.WithTimeout is discarded"
	context.AfterFunc(ctx, func() { log.Print("timed out") })
	return nil
}

type job struct {
	ctx context.Context
	run func(context.Context)
}

type pool struct{ jobs chan job }

// Submit keeps the context for a worker.
func (p *pool) Submit(ctx context.Context, run func(context.Context)) {
	p.jobs <- job{ctx, run}
}

func submit(p *pool, parent context.Context) {
	ctx, _ := context.WithTimeout(parent, time.Minute) // want "the cancel function returned by context.WithTimeout is discarded"
	p.Submit(ctx, func(context.Context) {})
}

type watcher interface {
	Watch(context.Context) <-chan int
}

// An interface method may keep it: gofixleak cannot see which one runs.
func watch(parent context.Context, w watcher) int {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	ch := w.Watch(ctx)
	return len(ch)
}

// A function of the package that starts a goroutine with it.
func background(parent context.Context) error {
	ctx, _ := context.WithCancel(parent) // want "the cancel function returned by context.WithCancel is discarded"
	return start(ctx)
}

func start(ctx context.Context) error {
	go func() {
		<-ctx.Done()
		log.Print("stopped")
	}()
	return nil
}

// work runs the submitted jobs.
func (p *pool) work() {
	for j := range p.jobs {
		j.run(j.ctx)
	}
}
