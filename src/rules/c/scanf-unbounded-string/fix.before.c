#include <stdio.h>
#include <string.h>

struct contact {
    char name[40];
    char phone[16];
};

int main(void) {
    char username[32];
    int age;

    printf("Enter your username and age: ");
    if (scanf("%s %d", username, &age) != 2) {
        fprintf(stderr, "Invalid input\n");
        return 1;
    }
    printf("Welcome, %s (%d)\n", username, age);

    char city[64];
    printf("Enter your city: ");
    scanf(" %[^\n]", city);
    printf("City: %s\n", city);

    FILE *fp = fopen("contacts.txt", "r");
    if (fp == NULL) {
        return 1;
    }
    char first[20], last[20];
    while (fscanf(fp, "%s %s", first, last) == 2) {
        printf("%s, %s\n", last, first);
    }
    fclose(fp);
    return 0;
}
