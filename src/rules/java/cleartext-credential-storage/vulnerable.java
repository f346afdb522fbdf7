import java.io.*;
import java.nio.file.*;
import java.util.Properties;
import java.util.prefs.Preferences;
import javax.swing.*;

public class LoginDialog {
    private static final Path SETTINGS = Paths.get(System.getProperty("user.home"), ".client", "settings.properties");
    private final JTextField userField = new JTextField();
    private final JPasswordField passwordField = new JPasswordField();
    private final Properties settings = new Properties();

    void rememberLogin(String server, String user, String password) throws IOException {
        Properties props = new Properties();
        props.setProperty("server", server);
        props.setProperty("user", user);
        // ruleid: java/cleartext-credential-storage
        props.setProperty("password", password);
        Files.createDirectories(SETTINGS.getParent());
        try (OutputStream out = Files.newOutputStream(SETTINGS)) {
            props.store(out, "client settings");
        }
    }

    void onSave() throws IOException {
        settings.setProperty("user", userField.getText());
        // ruleid: java/cleartext-credential-storage
        settings.setProperty("pass", new String(passwordField.getPassword()));
        try (Writer w = new FileWriter(SETTINGS.toFile())) {
            settings.store(w, null);
        }
    }

    void rememberWithPrefs(String user, char[] pwd) {
        Preferences prefs = Preferences.userNodeForPackage(LoginDialog.class);
        prefs.put("user", user);
        // ruleid: java/cleartext-credential-storage
        prefs.put("pwd", new String(pwd));
    }

    void saveDbConfig(String dbUser, String dbPassword) throws IOException {
        Properties cfg = new Properties();
        cfg.put("db.user", dbUser);
        // ruleid: java/cleartext-credential-storage
        cfg.put("db.secret", dbPassword);
        cfg.storeToXML(new FileOutputStream("db.xml"), "db");
    }

    void rememberPassword(String password) {
        // ruleid: java/cleartext-credential-storage
        Preferences.userRoot().node("client").put("login.password", password);
    }
}
