#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <mysql/mysql.h>
#include <libpq-fe.h>

#define SCHEMA "CREATE TABLE IF NOT EXISTS devices (serial TEXT PRIMARY KEY, owner TEXT)"

int find_owner(sqlite3 *db, const char *serial, char *owner, size_t owner_len) {
    sqlite3_stmt *stmt;
    const char *sql = "SELECT owner FROM devices WHERE serial = ?";
    // ok: c/sql-injection
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_text(stmt, 1, serial, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        snprintf(owner, owner_len, "%s", (const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return 0;
}

int delete_sessions(MYSQL *conn, const char *username) {
    char escaped[2 * 64 + 1];
    char query[256];
    size_t len = strlen(username);
    if (len > 64) return -1;
    mysql_real_escape_string(conn, escaped, username, len);
    snprintf(query, sizeof query, "DELETE FROM sessions WHERE username = '%s'", escaped);
    // ok: c/sql-injection
    return mysql_query(conn, query);
}

int init_db(sqlite3 *db) {
    char *err = NULL;
    // ok: c/sql-injection
    return sqlite3_exec(db, SCHEMA, NULL, NULL, &err);
}

int purge_old(sqlite3 *db, int days) {
    char sql[128];
    snprintf(sql, sizeof sql, "DELETE FROM events WHERE age_days > %d", days);
    // ok: c/sql-injection
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int main(int argc, char **argv) {
    sqlite3 *db;
    char sql[128];
    if (argc < 2) return 1;
    sqlite3_open("inventory.db", &db);
    int id = atoi(argv[1]);
    sprintf(sql, "SELECT * FROM items WHERE id = %d", id);
    // ok: c/sql-injection
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_close(db);
    return 0;
}

void save_message(sqlite3 *db, const char *body) {
    char *sql = sqlite3_mprintf("INSERT INTO messages(body) VALUES(%Q)", body);
    // ok: c/sql-injection
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
}

void lookup_customer(PGconn *pg) {
    char name[128];
    const char *params[1];
    printf("Customer name: ");
    if (!fgets(name, sizeof name, stdin)) return;
    name[strcspn(name, "\n")] = '\0';
    params[0] = name;
    // ok: c/sql-injection
    PGresult *res = PQexecParams(pg, "SELECT id, email FROM customers WHERE name = $1", 1, NULL, params, NULL, NULL, 0);
    PQclear(res);
}

void find_by_email(PGconn *pg, const char *email) {
    char sql[512];
    char *lit = PQescapeLiteral(pg, email, strlen(email));
    snprintf(sql, sizeof sql, "SELECT id FROM customers WHERE email = %s", lit);
    // ok: c/sql-injection
    PGresult *res = PQexec(pg, sql);
    PQfreemem(lit);
    PQclear(res);
}

int run_script(sqlite3 *db, const char *sql) {
    // ok: c/sql-injection
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

void rename_user(sqlite3 *db, const char *old_name, const char *new_name) {
    char buf[256];
    sqlite3_snprintf(sizeof buf, buf, "UPDATE users SET login = '%q' WHERE login = '%q'", new_name, old_name);
    // ok: c/sql-injection
    sqlite3_exec(db, buf, NULL, NULL, NULL);
}
