package web

import (
	"net/http"
	"text/template"
)

var greetingTmpl = template.Must(template.New("greeting").Parse(`<h1>Hello, {{.}}!</h1>`))

var profileTmpl = template.Must(template.New("profile").Parse(`<div class="profile"><h2>{{.Name}}</h2><p>{{.Bio}}</p></div>`))

type Profile struct {
	Name string
	Bio  string
}

// GreetHandler greets the visitor by name.
func GreetHandler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	greetingTmpl.Execute(w, name)
}

// ProfileHandler renders the profile preview form.
func ProfileHandler(w http.ResponseWriter, r *http.Request) {
	p := Profile{Name: r.FormValue("name"), Bio: r.FormValue("bio")}
	if err := profileTmpl.Execute(w, p); err != nil {
		http.Error(w, "render failed", http.StatusInternalServerError)
	}
}

// SearchHandler shows the search term back on the results page.
func SearchHandler(w http.ResponseWriter, r *http.Request) {
	tmpl, err := template.New("search").Parse(`<p>Results for <b>{{.}}</b></p>`)
	if err != nil {
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	tmpl.Execute(w, r.URL.Query().Get("q"))
}
