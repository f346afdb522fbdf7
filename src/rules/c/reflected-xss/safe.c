#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *html_escape(const char *s);
void print_escaped(const char *s);

/* Escapes &, <, >, " and ' into out. */
static void escape_into(char *out, size_t cap, const char *in) {
    size_t o = 0;
    for (; *in && o + 7 < cap; in++) {
        switch (*in) {
        case '<': memcpy(out + o, "&lt;", 4); o += 4; break;
        case '>': memcpy(out + o, "&gt;", 4); o += 4; break;
        case '&': memcpy(out + o, "&amp;", 5); o += 5; break;
        case '"': memcpy(out + o, "&quot;", 6); o += 6; break;
        default: out[o++] = *in;
        }
    }
    out[o] = '\0';
}

int main(void) {
    FILE *f = fopen("entries.txt", "r");
    char line[1024];
    char safe_name[4096], safe_msg[4096];
    printf("Content-Type: text/html\r\n\r\n");
    // ok: c/reflected-xss
    printf("<html><body><h1>%s</h1><ul>\n", "Guestbook");
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *name = strtok(line, "|");
        char *message = strtok(NULL, "|");
        if (!name || !message) continue;
        escape_into(safe_name, sizeof safe_name, name);
        escape_into(safe_msg, sizeof safe_msg, message);
        // ok: c/reflected-xss
        printf("<li><b>%s</b>: %s</li>\n", safe_name, safe_msg);
    }
    if (f) fclose(f);
    return 0;
}

void show_search(void) {
    const char *query = getenv("QUERY_STRING");
    char *escaped = html_escape(query ? query : "");
    // ok: c/reflected-xss
    printf("<p>Results for <em>%s</em></p>\n", escaped);
    free(escaped);
}

void show_page_number(void) {
    const char *qs = getenv("QUERY_STRING");
    int page = qs ? atoi(qs) : 1;
    // ok: c/reflected-xss
    printf("<p>Page %d</p>\n", page);
}

void log_request(void) {
    const char *qs = getenv("QUERY_STRING");
    // ok: c/reflected-xss
    fprintf(stderr, "request: %s\n", qs ? qs : "");
}

void greet(void) {
    const char *user = getenv("HTTP_X_USER");
    printf("<h2>Welcome back, ");
    print_escaped(user);
    // ok: c/reflected-xss
    puts("!</h2>");
}

void print_usage(const char *prog) {
    // ok: c/reflected-xss
    fprintf(stderr, "usage: %s <file>\n", prog);
}

void show_plain(void) {
    const char *q = getenv("QUERY_STRING");
    char *safe = html_escape(q);
    char buf[512];
    snprintf(buf, sizeof buf, "<p>%s</p>", safe);
    // ok: c/reflected-xss
    puts(buf);
}

void footer(void) {
    const char *software = getenv("SERVER_SOFTWARE");
    // ok: c/reflected-xss
    printf("<footer>Served by %s</footer>\n", software ? software : "unknown");
}
