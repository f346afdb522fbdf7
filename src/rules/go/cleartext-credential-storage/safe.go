package cli

import (
	"encoding/json"
	"fmt"
	"log"
	"os"

	"github.com/zalando/go-keyring"
	"golang.org/x/crypto/bcrypt"
)

type Session struct {
	Server   string `json:"server"`
	Username string `json:"username"`
	Password string `json:"-"`
}

type Profile struct {
	Server   string `json:"server"`
	Username string `json:"username"`
}

func saveLogin(server, username, password string) error {
	if err := keyring.Set("ourtool", username, password); err != nil {
		return err
	}
	data, err := json.Marshal(Profile{Server: server, Username: username})
	if err != nil {
		return err
	}
	// ok: go/cleartext-credential-storage
	return os.WriteFile("profile.json", data, 0o600)
}

func saveSession(s Session) error {
	f, err := os.Create("session.json")
	if err != nil {
		return err
	}
	defer f.Close()
	// ok: go/cleartext-credential-storage
	return json.NewEncoder(f).Encode(s)
}

func addUser(name, password string) error {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return err
	}
	f, err := os.OpenFile("users.db", os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	// ok: go/cleartext-credential-storage
	_, err = fmt.Fprintf(f, "%s:%s\n", name, hash)
	return err
}

func login(user string) {
	// ok: go/cleartext-credential-storage
	log.Printf("login attempt for %s", user)
	// ok: go/cleartext-credential-storage
	fmt.Fprintf(os.Stderr, "password for %s: ", user)
}

func writeReadme(passwordPolicy string) error {
	// ok: go/cleartext-credential-storage
	return os.WriteFile("README.txt", []byte("Passwords must be 12 characters"), 0o644)
}

func cacheToken(accessToken string) error {
	// ok: go/cleartext-credential-storage
	return os.WriteFile(".cache/token", []byte(accessToken), 0o600)
}

type tokenCache struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

func saveTokens(t tokenCache) error {
	data, _ := json.Marshal(t)
	// ok: go/cleartext-credential-storage
	return os.WriteFile("tokens.json", data, 0o600)
}
