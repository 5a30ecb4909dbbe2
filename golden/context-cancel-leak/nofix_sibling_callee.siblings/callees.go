package golden

import "context"

func watch(ctx context.Context) error {
	go func() { <-ctx.Done() }()
	return nil
}
