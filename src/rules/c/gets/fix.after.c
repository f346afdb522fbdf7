#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 50

struct account {
    char owner[MAX_NAME];
    double balance;
};

void read_password(void) {
    char password[32];
    puts("Password:");
    if (fgets(password, sizeof password, stdin)) password[strcspn(password, "\n")] = '\0';
    printf("Checking password for %s...\n", getenv("USER"));
}

int main(void) {
    char name[MAX_NAME];
    printf("Enter your name: ");
    if (fgets(name, sizeof name, stdin)) name[strcspn(name, "\n")] = '\0';
    printf("Hello, %s!\n", name);

    char command[128];
    printf("Enter commands (empty line to exit):\n");
    while (fgets(command, sizeof command, stdin) != NULL) {
        command[strcspn(command, "\n")] = '\0';
        if (command[0] == '\0') {
            break;
        }
        printf("You typed: %s\n", command);
    }

    char answer[8];
    printf("Save settings? (y/n): ");
    if (fgets(answer, sizeof answer, stdin)) {
        answer[strcspn(answer, "\n")] = '\0';
        if (answer[0] == 'y') {
            puts("Saved.");
        }
    }
    read_password();
    return 0;
}
