#include <stdio.h>
#include <stdlib.h>

#define MAX_NAME 50

struct account {
    char owner[MAX_NAME];
    double balance;
};

void read_password(void) {
    char password[32];
    puts("Password:");
    (void)gets(password);
    printf("Checking password for %s...\n", getenv("USER"));
}

int main(void) {
    char name[MAX_NAME];
    printf("Enter your name: ");
    gets(name);
    printf("Hello, %s!\n", name);

    char command[128];
    printf("Enter commands (empty line to exit):\n");
    while (gets(command) != NULL) {
        if (command[0] == '\0') {
            break;
        }
        printf("You typed: %s\n", command);
    }

    char answer[8];
    printf("Save settings? (y/n): ");
    if (gets(answer)) {
        if (answer[0] == 'y') {
            puts("Saved.");
        }
    }
    read_password();
    return 0;
}
