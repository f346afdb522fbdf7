import java.sql.*;
import javax.servlet.http.*;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

public class RegistrationService {
    private static final String UPDATE_PASSWORD = "UPDATE users SET password = ? WHERE id = ?";
    private final Connection conn;
    private final JdbcTemplate jdbcTemplate;

    public RegistrationService(Connection conn, JdbcTemplate jdbcTemplate) {
        this.conn = conn;
        this.jdbcTemplate = jdbcTemplate;
    }

    public void register(String username, String password) throws SQLException {
        String sql = "INSERT INTO users (username, password) VALUES (?, ?)";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, username);
            // ruleid: java/plaintext-password-storage
            ps.setString(2, password);
            ps.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new IllegalArgumentException("user name taken", e);
        }
    }

    public void changePassword(long id, String newPassword) throws SQLException {
        PreparedStatement stmt = conn.prepareStatement(UPDATE_PASSWORD);
        // ruleid: java/plaintext-password-storage
        stmt.setString(1, newPassword);
        stmt.setLong(2, id);
        stmt.executeUpdate();
    }

    public void signup(HttpServletRequest request) throws SQLException {
        PreparedStatement ps = conn.prepareStatement("INSERT INTO accounts(email, passwd) VALUES(?, ?)");
        ps.setString(1, request.getParameter("email"));
        // ruleid: java/plaintext-password-storage
        ps.setString(2, request.getParameter("password"));
        ps.execute();
    }

    public void save(User user) {
        // ruleid: java/plaintext-password-storage
        jdbcTemplate.update("INSERT INTO users (name, password) VALUES (?, ?)", user.getName(), user.getPassword());
    }

    public void legacyAdd(String name, String pwd) throws SQLException {
        Statement st = conn.createStatement();
        // ruleid: java/plaintext-password-storage
        st.executeUpdate("INSERT INTO admins (name, pwd) VALUES ('" + name + "', '" + pwd + "')");
    }
}
