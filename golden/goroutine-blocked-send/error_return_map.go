package golden

// checkAll stops at the first error; the remaining checkers block forever.
func checkAll(checks map[string]func() error) error {
	errs := make(chan error) // want "goroutines started in the loop at line 6 .*the function can return at line 13 before every value is received"
	for name, check := range checks {
		go func() {
			errs <- wrap(name, check())
		}()
	}
	for range checks {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

func wrap(name string, err error) error {
	if err != nil {
		return &checkError{name, err}
	}
	return nil
}

type checkError struct {
	name string
	err  error
}

func (e *checkError) Error() string { return e.name + ": " + e.err.Error() }
