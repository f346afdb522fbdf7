package accounts

import (
	"context"
	"database/sql"
	"net/http"

	"golang.org/x/crypto/bcrypt"
)

func Create(db *sql.DB, email, password string) (int64, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return 0, err
	}
	// ok: go/plaintext-password-storage
	res, err := db.Exec("INSERT INTO accounts (email, password_hash) VALUES (?, ?)", email, string(hash))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func ChangePassword(ctx context.Context, db *sql.DB, userID int, newPassword string) error {
	hashed, err := hashPassword(newPassword)
	if err != nil {
		return err
	}
	// ok: go/plaintext-password-storage
	_, err = db.ExecContext(ctx, "UPDATE users SET password = $1 WHERE id = $2", hashed, userID)
	return err
}

func Login(db *sql.DB, email string) (string, error) {
	var stored string
	// ok: go/plaintext-password-storage
	err := db.QueryRow("SELECT password_hash FROM users WHERE email = ?", email).Scan(&stored)
	return stored, err
}

func MarkChanged(db *sql.DB, id int) error {
	// ok: go/plaintext-password-storage
	_, err := db.Exec("UPDATE users SET password_changed_at = NOW() WHERE id = ?", id)
	return err
}

func Signup(db *sql.DB, r *http.Request) error {
	password := r.FormValue("password")
	password = mustHash(password)
	// ok: go/plaintext-password-storage
	_, err := db.Exec("INSERT INTO users (email, password) VALUES (?, ?)", r.FormValue("email"), password)
	return err
}

func Audit(db *sql.DB, id int) {
	// ok: go/plaintext-password-storage
	db.Exec("INSERT INTO audit (user_id, event) VALUES (?, 'password reset')", id)
}

func hashPassword(p string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(p), 12)
	return string(b), err
}

func mustHash(p string) string {
	h, _ := hashPassword(p)
	return h
}
