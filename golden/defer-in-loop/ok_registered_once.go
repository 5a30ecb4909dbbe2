package golden

import (
	"errors"
	"os"
)

func use(*os.File) error { return nil }

// Both branches return: the defer runs at most once per call.
func firstOK(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
		if err := use(f); err != nil {
			return err
		} else {
			return nil
		}
	}
	return errors.New("none")
}

// Every case of the switch returns.
func firstSwitch(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
		switch err := use(f); {
		case err != nil:
			return err
		default:
			return nil
		}
	}
	return errors.New("none")
}

// The endless inner loop never lets the outer one go round again.
func serve(addrs []string) {
	for _, a := range addrs {
		f, err := os.Open(a)
		if err != nil {
			continue
		}
		defer f.Close()
		for {
			use(f)
		}
	}
}

// The goto leaves the loop for good.
func withGoto(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
		goto done
	}
done:
	return nil
}
