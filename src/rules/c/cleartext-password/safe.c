#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <crypt.h>
#include <unistd.h>
#include <sys/socket.h>

#define USERS_DB "users.txt"

struct config {
    char db_path[256];
    char db_password[64];
    int port;
};

int add_user(const char *name, const char *password, const char *salt) {
    const char *hash = crypt(password, salt);
    FILE *db = fopen(USERS_DB, "a");
    if (db == NULL || hash == NULL) return -1;
    // ok: c/cleartext-password
    fprintf(db, "%s:%s\n", name, hash);
    fclose(db);
    return 0;
}

void log_attempt(const char *user, const char *password, const char *tty) {
    FILE *log = fopen("/var/log/authhelper.log", "a");
    if (!log) return;
    // ok: c/cleartext-password
    fprintf(log, "auth attempt user=%s tty=%s password_len=%zu\n", user, tty, strlen(password));
    fclose(log);
}

void debug_login(const char *username) {
    // ok: c/cleartext-password
    fprintf(stderr, "[debug] login attempt for %s\n", username);
    // ok: c/cleartext-password
    syslog(LOG_NOTICE, "password changed for %s", username);
}

void reply_status(int client, const struct config *cfg, int healthy) {
    char line[512];
    snprintf(line, sizeof line, "STATUS db=%s port=%d healthy=%d\n", cfg->db_path, cfg->port, healthy);
    // ok: c/cleartext-password
    send(client, line, strlen(line), 0);
}

void prompt(const char *password_prompt) {
    // ok: c/cleartext-password
    fputs(password_prompt, stdout);
}

void print_hash(FILE *out, const char *hashed_password) {
    // ok: c/cleartext-password
    fprintf(out, "%s\n", hashed_password);
}

void generated(const char *password) {
    // ok: c/cleartext-password
    printf("Your new password is %s\n", password);
}

int login_to_server(const char *host, const char *user, const char *password) {
    int sockfd = socket(AF_INET, SOCK_STREAM, 0);
    char msg[256];
    snprintf(msg, sizeof msg, "LOGIN %s %s\n", user, password);
    // ok: c/cleartext-password
    send(sockfd, msg, strlen(msg), 0);
    return sockfd;
}
