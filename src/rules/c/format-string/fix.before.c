#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

void log_error(const char *message) {
    fprintf(stderr, message);
    fprintf(stderr, "\n");
}

void audit_login(const char *username) {
    char entry[256];
    snprintf(entry, sizeof(entry), "user %s logged in", username);
    syslog(LOG_INFO, entry);
}

int main(int argc, char *argv[]) {
    if (argc < 2) {
        printf("Usage: %s <message>\n", argv[0]);
        return 1;
    }
    printf(argv[1]);
    printf("\n");

    char line[128];
    if (fgets(line, sizeof(line), stdin) != NULL) {
        printf(line);
    }
    log_error(argv[1]);
    return 0;
}
