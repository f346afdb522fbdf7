#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

class Session {
public:
    void login(const std::string& user) {
        char display[64];
        std::strcpy(display, user.c_str());
        std::cout << "Logged in as " << display << std::endl;
    }

    void banner(const char* motd) {
        char text[128] = "Welcome! ";
        std::strcat(text, motd);
        std::cout << text << std::endl;
    }

    void setToken(const char* token) {
        std::strcpy(token_, token);
    }

private:
    char token_[40];
};

int main(int argc, char** argv) {
    Session session;
    std::string user;
    std::getline(std::cin, user);
    session.login(user);
    if (argc > 1) {
        session.banner(argv[1]);
    }

    char host[32];
    strcpy(host, std::getenv("HOSTNAME"));
    std::cout << host << std::endl;
    return 0;
}
