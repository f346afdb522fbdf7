#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define LOG_LINE_MAX 256

void log_event(const char *fmt, ...) {
    char line[LOG_LINE_MAX];
    va_list args;
    va_start(args, fmt);
    vsnprintf(line, sizeof line, fmt, args);
    va_end(args);
    fputs(line, stderr);
}

void notify(const char *user, int count) {
    char message[80];
    snprintf(message, sizeof message, "User %s has %d new notifications", user, count);
    puts(message);
}

int main(int argc, char *argv[]) {
    if (argc < 2) {
        return 1;
    }
    char greeting[64];
    int len = snprintf(greeting, sizeof greeting, "Hello, %s! Welcome back.", argv[1]);
    printf("%s (%d chars)\n", greeting, len);

    char config_path[128];
    snprintf(config_path, sizeof config_path, "%s/.config/app.ini", getenv("HOME"));
    FILE *fp = fopen(config_path, "r");
    if (fp != NULL) {
        fclose(fp);
    }
    notify(argv[1], 3);
    log_event("started by %s\n", argv[1]);
    return 0;
}
