#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <mysql/mysql.h>
#include <libpq-fe.h>

static int print_row(void *ctx, int n, char **vals, char **cols) {
    (void)ctx; (void)cols;
    for (int i = 0; i < n; i++) printf("%s\n", vals[i] ? vals[i] : "NULL");
    return 0;
}

/* Copies the owner of the device with this serial into owner; returns 0 on success. */
int find_owner(sqlite3 *db, const char *serial, char *owner, size_t owner_len) {
    char sql[512];
    sqlite3_stmt *stmt;
    snprintf(sql, sizeof(sql), "SELECT owner FROM devices WHERE serial = '%s';", serial);
    // ruleid: c/sql-injection
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        snprintf(owner, owner_len, "%s", (const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return 0;
}

int delete_sessions(MYSQL *conn, const char *username) {
    char query[256];
    sprintf(query, "DELETE FROM sessions WHERE username = '%s'", username);
    // ruleid: c/sql-injection
    if (mysql_query(conn, query)) {
        fprintf(stderr, "delete failed: %s\n", mysql_error(conn));
        return -1;
    }
    return (int)mysql_affected_rows(conn);
}

int main(int argc, char *argv[]) {
    sqlite3 *db;
    char *err = NULL;
    char query[1024];
    if (argc < 2) return 1;
    sqlite3_open("inventory.db", &db);
    strcpy(query, "SELECT * FROM items WHERE name LIKE '%");
    strcat(query, argv[1]);
    strcat(query, "%'");
    // ruleid: c/sql-injection
    sqlite3_exec(db, query, print_row, NULL, &err);
    sqlite3_close(db);
    return 0;
}

void cgi_search(MYSQL *conn) {
    const char *qs = getenv("QUERY_STRING");
    char stmt[512];
    snprintf(stmt, sizeof stmt, "SELECT title, price FROM products WHERE category = '%s' ORDER BY price", qs);
    // ruleid: c/sql-injection
    mysql_real_query(conn, stmt, strlen(stmt));
}

void lookup_customer(PGconn *pg) {
    char name[128];
    char sql[300];
    printf("Customer name: ");
    if (!fgets(name, sizeof name, stdin)) return;
    name[strcspn(name, "\n")] = '\0';
    sprintf(sql, "SELECT id, email FROM customers WHERE name = '%s'", name);
    // ruleid: c/sql-injection
    PGresult *res = PQexec(pg, sql);
    PQclear(res);
}

void handle_client(int client_fd, sqlite3 *db) {
    char buf[256];
    ssize_t n = recv(client_fd, buf, sizeof(buf) - 1, 0);
    if (n <= 0) return;
    buf[n] = '\0';
    char *sql = sqlite3_mprintf("INSERT INTO messages(body) VALUES('%s')", buf);
    // ruleid: c/sql-injection
    sqlite3_exec(db, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
}

int remove_user(sqlite3 *db, int argc, char **argv) {
    char sql[200];
    if (argc < 3) return -1;
    sqlite3_snprintf(sizeof sql, sql, "DELETE FROM users WHERE login = '%s'", argv[2]);
    // ruleid: c/sql-injection
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int sort_report(PGconn *conn, const char *column) {
    char sql[256] = "SELECT name, total FROM report ORDER BY ";
    strncat(sql, column, sizeof(sql) - strlen(sql) - 1);
    // ruleid: c/sql-injection
    PGresult *r = PQexecParams(conn, sql, 0, NULL, NULL, NULL, NULL, 0);
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    return ok;
}
