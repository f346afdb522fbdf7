package com.example.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

public class CustomerRepository {
    private final Connection connection;

    public CustomerRepository(Connection connection) {
        this.connection = connection;
    }

    public String findEmail(String username) throws SQLException {
        String sql = "SELECT email FROM customers WHERE username = '" + username + "'";
        Statement stmt = connection.createStatement();
        ResultSet rs = stmt.executeQuery(sql);
        String email = rs.next() ? rs.getString("email") : null;
        stmt.close();
        return email;
    }

    public List<String> searchByName(String name, int limit) throws SQLException {
        List<String> names = new ArrayList<>();
        String query = "SELECT name FROM customers WHERE name LIKE '%" + name + "%' ORDER BY name LIMIT " + limit;
        try (Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery(query);
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    public int deactivate(long customerId, String reason) throws SQLException {
        Statement st = connection.createStatement();
        int updated = st.executeUpdate("UPDATE customers SET active = 0, note = '" + reason + "' WHERE id = " + customerId);
        st.close();
        return updated;
    }
}
