package golden

import (
	"errors"
	"time"
)

func await(result <-chan error) error {
	select {
	case err := <-result:
		return err
	case <-time.After(5 * time.Second):
		return errors.New("timed out")
	}
}
