package main

import (
	"database/sql"
	"encoding/json"
	"net/http"

	"github.com/gin-gonic/gin"
)

type User struct {
	ID           int
	Email        string
	PasswordHash string
	APIKey       string
	Name         string
}

type Account struct {
	ID       int    `json:"id"`
	Username string `json:"username"`
	Password string `json:"password,omitempty"`
}

var db *sql.DB

// profileHandler writes the user with ?id= as JSON.
func profileHandler(w http.ResponseWriter, r *http.Request) {
	u, err := loadUser(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	// ruleid: go/sensitive-data-exposure
	json.NewEncoder(w).Encode(u)
}

func accountHandler(c *gin.Context) {
	var acct Account
	if err := db.QueryRow("SELECT id, username, password FROM accounts WHERE id = ?", c.Param("id")).Scan(&acct.ID, &acct.Username, &acct.Password); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	// ruleid: go/sensitive-data-exposure
	c.JSON(http.StatusOK, acct)
}

func listUsers(w http.ResponseWriter, r *http.Request) {
	var users []User
	// (rows scanned into users)
	// ruleid: go/sensitive-data-exposure
	body, err := json.Marshal(users)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	w.Write(body)
}

func meHandler(c *gin.Context) {
	user := &User{ID: 1, Email: "a@example.com"}
	// ruleid: go/sensitive-data-exposure
	c.JSON(http.StatusOK, gin.H{"user": user, "ok": true})
}

func getAccount(w http.ResponseWriter, r *http.Request) {
	acct := findAccount(r.URL.Query().Get("name"))
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// ruleid: go/sensitive-data-exposure
	enc.Encode(acct)
}

func loadUser(id string) (*User, error) {
	u := &User{}
	err := db.QueryRow("SELECT id, email, password_hash, api_key, name FROM users WHERE id = ?", id).Scan(&u.ID, &u.Email, &u.PasswordHash, &u.APIKey, &u.Name)
	return u, err
}

func findAccount(name string) Account {
	return Account{Username: name}
}
