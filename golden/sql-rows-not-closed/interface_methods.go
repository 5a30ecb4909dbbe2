package golden

import "context"

// Rows from a method an interface of the package declares: the caller closes them. This
// file neither imports database/sql nor calls Query or QueryContext on a handle.
func (s *service) names(ctx context.Context) ([]string, error) {
	rows, err := s.users.ListUsers(ctx) // want "rows `rows` from s.users.ListUsers \(interface method userStore.ListUsers, which returns rows\) are never closed"
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, rows.Err()
}

// A parameter of an interface embedding it; a method named Query.
func first(ctx context.Context, st store, filter string) (string, error) {
	rows, err := st.Query(ctx, filter) // want "rows `rows` from st.Query \(interface method userStore.Query, which returns rows\) are not closed on every path: they leak at the return on line 30"
	if err != nil {
		return "", err
	}
	if filter == "*" {
		return "everyone", nil
	}
	defer rows.Close()
	var name string
	if rows.Next() {
		err = rows.Scan(&name)
	}
	return name, err
}

// A method of the package's implementation.
func oldest(ctx context.Context, p *pgStore) (string, error) {
	rows, err := p.ListUsers(ctx) // want "rows `rows` from p.ListUsers \(which returns the rows from p.db.QueryContext\) are never closed"
	if err != nil {
		return "", err
	}
	var name string
	if rows.Next() {
		err = rows.Scan(&name)
	}
	return name, err
}

// Methods of the interface returning anything else are no openers.
func (s *service) count(ctx context.Context) (int, []string, error) {
	n, err := s.users.CountUsers(ctx)
	if err != nil {
		return 0, nil, err
	}
	names, err := s.users.UserNames(ctx)
	return n, names, err
}

// Read to the end: rows.Next closed them.
func (s *service) each(ctx context.Context, visit func(string)) error {
	rows, err := s.users.ListUsers(ctx)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name string
		_ = rows.Scan(&name)
		visit(name)
	}
	return rows.Err()
}
