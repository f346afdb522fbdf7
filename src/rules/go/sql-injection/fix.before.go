package store

import (
	"database/sql"
	"fmt"
	"net/http"

	_ "github.com/lib/pq"
)

type User struct {
	ID    int
	Email string
}

// FindUser looks a user up by name.
func FindUser(db *sql.DB, username string) (*User, error) {
	query := "SELECT id, email FROM users WHERE username = '" + username + "'"
	var u User
	if err := db.QueryRow(query).Scan(&u.ID, &u.Email); err != nil {
		return nil, err
	}
	return &u, nil
}

// ListOrders returns one page of a customer's orders.
func ListOrders(db *sql.DB, customer string, page int) (*sql.Rows, error) {
	return db.Query(fmt.Sprintf("SELECT id, total FROM orders WHERE customer = '%s' ORDER BY id LIMIT 20 OFFSET %d", customer, page*20))
}

// SearchHandler serves product search.
func SearchHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rows, err := db.Query(fmt.Sprintf("SELECT name FROM products WHERE name ILIKE '%%%s%%'", r.URL.Query().Get("q")))
		if err != nil {
			http.Error(w, "search failed", http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		w.WriteHeader(http.StatusOK)
	}
}

// DeleteSession removes a session row.
func DeleteSession(db *sql.DB, id string) error {
	_, err := db.Exec("DELETE FROM sessions WHERE id = '" + id + "'")
	return err
}
