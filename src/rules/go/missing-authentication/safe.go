package main

import (
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"net/http"
	"net/http/pprof"
	_ "net/http/pprof"
	"os"

	"github.com/gin-gonic/gin"
)

type Cache struct{}

func (c *Cache) PurgeSite(site string) int { return 0 }

func requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Admin-Token")), []byte(os.Getenv("ADMIN_TOKEN"))) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func registerAdminRoutes(mux *http.ServeMux, cache *Cache) {
	// ok: go/missing-authentication
	mux.Handle("/admin/purge", requireAdmin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := cache.PurgeSite(r.URL.Query().Get("site"))
		json.NewEncoder(w).Encode(map[string]int{"purged": n})
	})))
}

func deleteUser(db *sql.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass, ok := r.BasicAuth()
		if !ok || !checkAdmin(user, pass) {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		db.Exec("DELETE FROM users WHERE id = $1", r.PathValue("id"))
	}
}

func checkAdmin(u, p string) bool { return false }

func main() {
	mux := http.NewServeMux()
	registerAdminRoutes(mux, &Cache{})
	// ok: go/missing-authentication
	mux.Handle("DELETE /admin/users/{id}", deleteUser(nil))
	// ok: go/missing-authentication
	mux.HandleFunc("/admin/health", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok"))
	})
	// ok: go/missing-authentication
	mux.HandleFunc("DELETE /cart/{id}", func(w http.ResponseWriter, r *http.Request) {
		removeItem(r.PathValue("id"))
	})

	debug := http.NewServeMux()
	// ok: go/missing-authentication
	debug.HandleFunc("/debug/pprof/", pprof.Index)
	go http.ListenAndServe("localhost:6060", debug)
	// ok: go/missing-authentication
	go http.ListenAndServe("127.0.0.1:6061", nil)

	r := gin.Default()
	admin := r.Group("/admin", gin.BasicAuth(gin.Accounts{"ops": os.Getenv("OPS_PASSWORD")}))
	// ok: go/missing-authentication
	admin.POST("/reindex", func(c *gin.Context) {
		dropIndex()
	})
	// ok: go/missing-authentication
	r.DELETE("/internal/cache", authRequired(), func(c *gin.Context) {
		dropIndex()
	})
	http.ListenAndServe("127.0.0.1:8080", mux)
}

func removeItem(id string) {}
func dropIndex()           {}
func authRequired() gin.HandlerFunc { return nil }
