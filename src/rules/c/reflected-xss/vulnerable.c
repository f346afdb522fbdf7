#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

/* Prints the HTML page with every guestbook entry. */
int main(void) {
    FILE *f = fopen("entries.txt", "r");
    char line[1024];
    printf("Content-Type: text/html\r\n\r\n");
    printf("<html><body><h1>Guestbook</h1><ul>\n");
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *name = strtok(line, "|");
        char *message = strtok(NULL, "|");
        if (!name || !message) continue;
        // ruleid: c/reflected-xss
        printf("<li><b>%s</b>: %s</li>\n", name, message);
    }
    if (f) fclose(f);
    printf("</ul></body></html>\n");
    return 0;
}

void show_search(void) {
    const char *query = getenv("QUERY_STRING");
    if (query == NULL) query = "";
    // ruleid: c/reflected-xss
    printf("<p>Results for <em>%s</em></p>\n", query);
}

void echo_comment(void) {
    char body[2048];
    size_t n = fread(body, 1, sizeof body - 1, stdin);
    body[n] = '\0';
    fputs("<div class=\"comment\">", stdout);
    // ruleid: c/reflected-xss
    fputs(body, stdout);
    fputs("</div>", stdout);
}

void render_status(int client, const char *device_name, const char *search) {
    char page[4096];
    snprintf(page, sizeof page,
             "<html><head><title>Status</title></head><body><h1>%s</h1><p>Search: %s</p></body></html>",
             device_name, search);
    // ruleid: c/reflected-xss
    write(client, page, strlen(page));
}

void greet(void) {
    char *user = getenv("HTTP_X_USER");
    // ruleid: c/reflected-xss
    fprintf(stdout, "<h2>Welcome back, %s!</h2>\n", user ? user : "guest");
}

void print_row(const char *label, const char *value) {
    // ruleid: c/reflected-xss
    printf("<tr><th>%s</th><td>%s</td></tr>\n", label, value);
}

void not_found(void) {
    const char *path = getenv("PATH_INFO");
    char msg[512];
    snprintf(msg, sizeof msg, "<p>The page %s does not exist.</p>", path);
    // ruleid: c/reflected-xss
    puts(msg);
}

void reply(int sock) {
    char req[1024];
    char resp[2048];
    ssize_t n = recv(sock, req, sizeof req - 1, 0);
    if (n <= 0) return;
    req[n] = '\0';
    int len = snprintf(resp, sizeof resp, "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<pre>%s</pre>", req);
    // ruleid: c/reflected-xss
    send(sock, resp, len, 0);
}
