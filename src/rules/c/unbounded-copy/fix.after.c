#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_MAX_LEN 256

int main(int argc, char *argv[]) {
    if (argc < 3) {
        fprintf(stderr, "Usage: %s <file> <suffix>\n", argv[0]);
        return 1;
    }

    char filename[64];
    snprintf(filename, sizeof filename, "%s", argv[1]);

    char path[PATH_MAX_LEN] = "/var/data/";
    strncat(path, argv[2], sizeof path - strlen(path) - 1);

    const char *home = getenv("HOME");
    char config[PATH_MAX_LEN];
    snprintf(config, sizeof config, "%s", home);
    strcat(config, "/.apprc");

    printf("file=%s path=%s config=%s\n", filename, path, config);
    return 0;
}

void greet_from_stdin(void) {
    char line[512];
    char greeting[64];
    if (fgets(line, sizeof line, stdin) == NULL) {
        return;
    }
    strcpy(greeting, "Hello, ");
    strncat(greeting, line, sizeof greeting - strlen(greeting) - 1);
    printf("%s", greeting);
}
