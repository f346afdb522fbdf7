import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)
DATABASE = "app.db"


def get_db():
    return sqlite3.connect(DATABASE)


@app.route("/users")
def find_user():
    username = request.args.get("username", "")
    conn = get_db()
    cursor = conn.cursor()
    cursor.execute(f"SELECT id, email FROM users WHERE username = '{username}'")
    return jsonify(cursor.fetchall())


@app.route("/login", methods=["POST"])
def login():
    data = request.get_json()
    query = "SELECT * FROM users WHERE email = '%s' AND password_hash = '%s'" % (data["email"], data["password_hash"])
    cur = get_db().cursor()
    cur.execute(query)
    return jsonify(ok=cur.fetchone() is not None)


@app.route("/orders/<int:order_id>")
def get_order(order_id):
    conn = get_db()
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM orders WHERE id = " + str(order_id))
    return jsonify(cursor.fetchone())


@app.route("/search")
def search_products():
    term = request.args.get("q", "")
    conn = get_db()
    rows = conn.execute(f"""
        SELECT name, price FROM products
        WHERE name LIKE '%{term}%'
        ORDER BY price
    """).fetchall()
    return jsonify(rows)


def delete_user(conn, user_id):
    conn.execute(f"DELETE FROM users WHERE id = {user_id}")
    conn.commit()
