#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/socket.h>

#define WIFI_CONF "/etc/device/wifi.conf"
#define USERS_DB "users.txt"

struct config {
    char db_path[256];
    char db_password[64];
    int port;
};

int save_wifi(const char *ssid, const char *passphrase) {
    FILE *fp = fopen(WIFI_CONF, "w");
    if (!fp) return -1;
    // ruleid: c/cleartext-password
    fprintf(fp, "ssid=%s\npsk=%s\n", ssid, passphrase);
    fclose(fp);
    return 0;
}

int add_user(const char *name, const char *password) {
    FILE *db = fopen(USERS_DB, "a");
    if (db == NULL) return -1;
    fputs(name, db);
    fputc(':', db);
    // ruleid: c/cleartext-password
    fputs(password, db);
    fclose(db);
    return 0;
}

void log_attempt(const char *user, const char *pass, const char *tty) {
    FILE *log = fopen("/var/log/authhelper.log", "a");
    if (!log) return;
    // ruleid: c/cleartext-password
    fprintf(log, "auth attempt user=%s pass=%s tty=%s\n", user, pass, tty);
    fclose(log);
}

void debug_login(const char *username, const char *password) {
    // ruleid: c/cleartext-password
    fprintf(stderr, "[debug] login %s/%s\n", username, password);
    // ruleid: c/cleartext-password
    syslog(LOG_DEBUG, "checking credentials for %s (%s)", username, password);
}

void reply_status(int client, const struct config *cfg, int last_errno) {
    char line[1024];
    snprintf(line, sizeof line, "STATUS db=%s pass=%s port=%d err=%s\n",
             cfg->db_path, cfg->db_password, cfg->port, strerror(last_errno));
    // ruleid: c/cleartext-password
    send(client, line, strlen(line), 0);
}

void serve(int listener, const char *api_token) {
    int fd = accept(listener, NULL, NULL);
    // ruleid: c/cleartext-password
    dprintf(fd, "token: %s\n", api_token);
    close(fd);
}

int store_secret(const char *secret_key) {
    int fd = open("/var/lib/app/key", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return -1;
    // ruleid: c/cleartext-password
    write(fd, secret_key, strlen(secret_key));
    close(fd);
    return 0;
}

void save_creds(const char *user, const char *pwd) {
    FILE *out = fopen("creds.bin", "wb");
    // ruleid: c/cleartext-password
    fwrite(pwd, 1, strlen(pwd), out);
    fclose(out);
}
