import java.sql.*;
import org.mindrot.jbcrypt.BCrypt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

public class RegistrationService {
    private final Connection conn;
    private final JdbcTemplate jdbcTemplate;
    private final PasswordEncoder passwordEncoder;

    public RegistrationService(Connection conn, JdbcTemplate jdbcTemplate, PasswordEncoder passwordEncoder) {
        this.conn = conn;
        this.jdbcTemplate = jdbcTemplate;
        this.passwordEncoder = passwordEncoder;
    }

    public void register(String username, String password) throws SQLException {
        String hash = BCrypt.hashpw(password, BCrypt.gensalt(12));
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO users (username, password_hash) VALUES (?, ?)")) {
            ps.setString(1, username);
            // ok: java/plaintext-password-storage
            ps.setString(2, hash);
            ps.executeUpdate();
        }
    }

    public void changePassword(long id, String newPassword) throws SQLException {
        PreparedStatement stmt = conn.prepareStatement("UPDATE users SET password = ? WHERE id = ?");
        // ok: java/plaintext-password-storage
        stmt.setString(1, passwordEncoder.encode(newPassword));
        stmt.setLong(2, id);
        stmt.executeUpdate();
    }

    public boolean login(String username, String password) throws SQLException {
        PreparedStatement ps = conn.prepareStatement("SELECT password_hash FROM users WHERE username = ?");
        // ok: java/plaintext-password-storage
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() && BCrypt.checkpw(password, rs.getString(1));
        }
    }

    public void save(User user) {
        String encoded = passwordEncoder.encode(user.getPassword());
        // ok: java/plaintext-password-storage
        jdbcTemplate.update("INSERT INTO users (name, password) VALUES (?, ?)", user.getName(), encoded);
    }

    public void audit(long id) {
        // ok: java/plaintext-password-storage
        jdbcTemplate.update("INSERT INTO audit (user_id, event) VALUES (?, 'password changed')", id);
    }

    public void rehash(String username, String password) throws SQLException {
        password = passwordEncoder.encode(password);
        PreparedStatement ps = conn.prepareStatement("UPDATE users SET password = ? WHERE username = ?");
        // ok: java/plaintext-password-storage
        ps.setString(1, password);
        ps.setString(2, username);
        ps.executeUpdate();
    }
}
