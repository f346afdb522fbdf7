package accounts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5"
	"github.com/jmoiron/sqlx"
)

// Create inserts a new account and returns its id.
func Create(db *sql.DB, email, password string) (int64, error) {
	// ruleid: go/plaintext-password-storage
	res, err := db.Exec("INSERT INTO accounts (email, password) VALUES (?, ?)", email, password)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

type signupRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func signupHandler(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req signupRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var id int64
		// ruleid: go/plaintext-password-storage
		err := db.QueryRowContext(r.Context(), `INSERT INTO users (email, password) VALUES ($1, $2) RETURNING id`, req.Email, req.Password).Scan(&id)
		if err != nil {
			http.Error(w, "could not create user", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}
}

func ChangePassword(ctx context.Context, conn *pgx.Conn, userID int, newPassword string) error {
	// ruleid: go/plaintext-password-storage
	_, err := conn.Exec(ctx, "UPDATE users SET password = $1 WHERE id = $2", newPassword, userID)
	return err
}

func AddAdmin(db *sqlx.DB, name, pwd string) {
	const q = "INSERT INTO admins (name, pwd) VALUES (?, ?)"
	// ruleid: go/plaintext-password-storage
	db.MustExec(q, name, pwd)
}

func Register(db *sql.DB, username, password string) error {
	stmt, err := db.Prepare("INSERT INTO users(username, user_password) VALUES(?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	// ruleid: go/plaintext-password-storage
	_, err = stmt.Exec(username, password)
	return err
}

func Reset(db *sql.DB, id int, password string) error {
	query := fmt.Sprintf("UPDATE members SET passwd = '%s' WHERE id = %d", password, id)
	// ruleid: go/plaintext-password-storage
	_, err := db.Exec(query)
	return err
}
