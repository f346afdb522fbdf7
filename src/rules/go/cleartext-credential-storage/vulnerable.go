package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

type Credentials struct {
	Server   string `json:"server"`
	Username string `json:"username"`
	Password string `json:"password"`
}

func credentialsPath() string {
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".config", "ourtool", "credentials")
}

func saveLogin(server, username, password string) error {
	data, err := json.MarshalIndent(Credentials{Server: server, Username: username, Password: password}, "", "  ")
	if err != nil {
		return err
	}
	// ruleid: go/cleartext-credential-storage
	return os.WriteFile(credentialsPath(), data, 0o600)
}

func saveNetrc(host, user, pass string) error {
	f, err := os.OpenFile(filepath.Join(os.Getenv("HOME"), ".netrc"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	// ruleid: go/cleartext-credential-storage
	_, err = fmt.Fprintf(f, "machine %s login %s password %s\n", host, user, pass)
	return err
}

func saveKey(apiKey string) error {
	// ruleid: go/cleartext-credential-storage
	return os.WriteFile(".apikey", []byte(apiKey), 0o600)
}

func saveCreds(c Credentials) error {
	f, err := os.Create("creds.json")
	if err != nil {
		return err
	}
	defer f.Close()
	// ruleid: go/cleartext-credential-storage
	return json.NewEncoder(f).Encode(c)
}

func login() {
	reader := bufio.NewReader(os.Stdin)
	user, _ := reader.ReadString('\n')
	password, _ := reader.ReadString('\n')
	// ruleid: go/cleartext-credential-storage
	log.Printf("logging in as %s with password %s", user, password)
	line := user + ":" + password
	out, _ := os.Create("session.txt")
	// ruleid: go/cleartext-credential-storage
	out.WriteString(line)
}

func saveMap(user, secretKey string) error {
	body, _ := json.Marshal(map[string]string{"user": user, "secret_key": secretKey})
	// ruleid: go/cleartext-credential-storage
	return os.WriteFile("config.json", body, 0o644)
}
