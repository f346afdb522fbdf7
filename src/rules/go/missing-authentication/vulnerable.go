package main

import (
	"database/sql"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/pprof"
	_ "net/http/pprof"
	"os"
	"runtime"

	"github.com/gin-gonic/gin"
)

type Cache struct{}

func (c *Cache) PurgeSite(site string) int { return 0 }

var level = new(slog.LevelVar)

func registerAdminRoutes(mux *http.ServeMux, cache *Cache) {
	// POST /admin/purge?site=... drops every cached page of the site.
	// ruleid: go/missing-authentication
	mux.HandleFunc("/admin/purge", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		n := cache.PurgeSite(r.URL.Query().Get("site"))
		json.NewEncoder(w).Encode(map[string]int{"purged": n})
	})
}

func setLogLevel(w http.ResponseWriter, r *http.Request) {
	var body struct{ Level string }
	json.NewDecoder(r.Body).Decode(&body)
	var l slog.Level
	l.UnmarshalText([]byte(body.Level))
	level.Set(l)
}

func dumpStacks(w http.ResponseWriter, r *http.Request) {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	w.Write(buf[:n])
}

func deleteUser(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		db.Exec("DELETE FROM users WHERE id = $1", r.PathValue("id"))
		w.WriteHeader(http.StatusNoContent)
	}
}

func main() {
	mux := http.NewServeMux()
	registerAdminRoutes(mux, &Cache{})
	// ruleid: go/missing-authentication
	mux.HandleFunc("POST /debug/loglevel", setLogLevel)
	// ruleid: go/missing-authentication
	mux.HandleFunc("/debug/stacks", dumpStacks)
	// ruleid: go/missing-authentication
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	// ruleid: go/missing-authentication
	mux.Handle("DELETE /admin/users/{id}", deleteUser(nil))
	// ruleid: go/missing-authentication
	mux.HandleFunc("/internal/shutdown", func(w http.ResponseWriter, r *http.Request) {
		os.Exit(0)
	})

	r := gin.Default()
	admin := r.Group("/admin")
	// ruleid: go/missing-authentication
	admin.POST("/reindex", func(c *gin.Context) {
		dropIndex()
	})
	go r.Run(":9090")
	// ruleid: go/missing-authentication
	go http.ListenAndServe(":6060", nil)
	http.ListenAndServe(":8080", mux)
}

func dropIndex() {}
