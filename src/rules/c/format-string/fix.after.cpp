#include <cstdio>
#include <iostream>
#include <string>

class Logger {
public:
    explicit Logger(FILE* out) : out_(out) {}

    void write(const std::string& text) {
        std::fprintf(out_, "%s", text.c_str());
    }

private:
    FILE* out_;
};

int main() {
    std::string input;
    std::getline(std::cin, input);
    std::printf("%s", input.c_str());

    Logger logger(stderr);
    logger.write("Received: " + input + "\n");
    return 0;
}
