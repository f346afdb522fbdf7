package main

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type User struct {
	ID           int    `json:"id"`
	Email        string `json:"email"`
	PasswordHash string `json:"-"`
	APIKey       string `json:"-"`
	Name         string `json:"name"`
}

type Member struct {
	ID                int
	Name              string
	PasswordChangedAt time.Time
	passwordHash      string
}

type userView struct {
	ID    int    `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

func profileHandler(w http.ResponseWriter, r *http.Request) {
	u, err := loadUser(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	// ok: go/sensitive-data-exposure
	json.NewEncoder(w).Encode(u)
}

type Account struct {
	ID       int
	Username string
	Password string
}

func accountHandler(c *gin.Context) {
	acct := loadAccount(c.Param("id"))
	// ok: go/sensitive-data-exposure
	c.JSON(http.StatusOK, gin.H{"id": acct.ID, "username": acct.Username})
}

func accountView(w http.ResponseWriter, r *http.Request) {
	acct := loadAccount(r.URL.Query().Get("id"))
	view := userView{ID: acct.ID, Name: acct.Username}
	// ok: go/sensitive-data-exposure
	json.NewEncoder(w).Encode(view)
}

func memberHandler(w http.ResponseWriter, r *http.Request) {
	m := Member{ID: 1, Name: "x"}
	// ok: go/sensitive-data-exposure
	json.NewEncoder(w).Encode(m)
}

func saveAccount(path string, acct Account) error {
	// ok: go/sensitive-data-exposure
	b, err := json.Marshal(acct)
	if err != nil {
		return err
	}
	_ = b
	return nil
}

func loadUser(id string) (*User, error) { return &User{}, nil }

func loadAccount(id string) *Account { return &Account{} }

type loginResponse struct {
	Token     string `json:"token"`
	ExpiresIn int    `json:"expires_in"`
}

func loginHandler(w http.ResponseWriter, r *http.Request) {
	resp := loginResponse{Token: issueToken(r), ExpiresIn: 3600}
	// ok: go/sensitive-data-exposure
	json.NewEncoder(w).Encode(resp)
}

func issueToken(r *http.Request) string { return "" }
