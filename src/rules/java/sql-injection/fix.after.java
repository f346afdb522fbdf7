package com.example.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.sql.PreparedStatement;

public class CustomerRepository {
    private final Connection connection;

    public CustomerRepository(Connection connection) {
        this.connection = connection;
    }

    public String findEmail(String username) throws SQLException {
        String sql = "SELECT email FROM customers WHERE username = ?";
        PreparedStatement stmt = connection.prepareStatement(sql);
        stmt.setString(1, username);
        ResultSet rs = stmt.executeQuery();
        String email = rs.next() ? rs.getString("email") : null;
        stmt.close();
        return email;
    }

    public List<String> searchByName(String name, int limit) throws SQLException {
        List<String> names = new ArrayList<>();
        String query = "SELECT name FROM customers WHERE name LIKE ? ORDER BY name LIMIT ?";
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, "%" + name + "%");
            statement.setInt(2, limit);
            ResultSet rs = statement.executeQuery();
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    public int deactivate(long customerId, String reason) throws SQLException {
        PreparedStatement st = connection.prepareStatement("UPDATE customers SET active = 0, note = ? WHERE id = ?");
        st.setString(1, reason);
        st.setLong(2, customerId);
        int updated = st.executeUpdate();
        st.close();
        return updated;
    }
}
