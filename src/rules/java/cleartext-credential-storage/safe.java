import java.io.*;
import java.nio.file.*;
import java.util.Properties;
import java.util.prefs.Preferences;

public class LoginDialog {
    private static final Path SETTINGS = Paths.get(System.getProperty("user.home"), ".client", "settings.properties");

    void rememberLogin(String server, String user, String password) throws IOException {
        Properties props = new Properties();
        props.setProperty("server", server);
        // ok: java/cleartext-credential-storage
        props.setProperty("user", user);
        try (OutputStream out = Files.newOutputStream(SETTINGS)) {
            props.store(out, "client settings");
        }
    }

    void rememberToken(String user, String password, Crypto crypto) throws IOException {
        Properties props = new Properties();
        // ok: java/cleartext-credential-storage
        props.setProperty("password", crypto.encrypt(password));
        props.store(new FileWriter(SETTINGS.toFile()), null);
    }

    Properties defaults() {
        Properties p = new Properties();
        // ok: java/cleartext-credential-storage
        p.setProperty("password", "");
        return p;
    }

    void inMemory(String password) {
        Properties jdbc = new Properties();
        jdbc.setProperty("user", "app");
        // ok: java/cleartext-credential-storage
        jdbc.setProperty("password", password);
        connect(jdbc);
    }

    void rememberUser(String user) {
        Preferences prefs = Preferences.userNodeForPackage(LoginDialog.class);
        // ok: java/cleartext-credential-storage
        prefs.put("user", user);
        // ok: java/cleartext-credential-storage
        prefs.putBoolean("rememberPassword", true);
    }

    void connect(Properties p) {}
}
