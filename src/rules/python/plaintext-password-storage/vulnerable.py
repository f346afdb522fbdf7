import sqlite3
from flask import Flask, request, jsonify
from sqlalchemy import text
import psycopg2

app = Flask(__name__)


def register_user(conn: sqlite3.Connection, username: str, password: str) -> int:
    cur = conn.cursor()
    try:
        # ruleid: py/plaintext-password-storage
        cur.execute("INSERT INTO users (username, password) VALUES (?, ?)", (username, password))
    except sqlite3.IntegrityError:
        raise ValueError("username taken")
    conn.commit()
    return cur.lastrowid


@app.route("/signup", methods=["POST"])
def signup():
    data = request.get_json()
    db = psycopg2.connect("dbname=app")
    with db.cursor() as cur:
        # ruleid: py/plaintext-password-storage
        cur.execute(
            "INSERT INTO accounts (email, passwd) VALUES (%s, %s)",
            (data["email"], data["password"]),
        )
    db.commit()
    return jsonify(ok=True), 201


@app.route("/password", methods=["POST"])
def change_password():
    new_password = request.form.get("new_password")
    sql = "UPDATE users SET password = ? WHERE id = ?"
    params = (new_password, request.form["user_id"])
    conn = sqlite3.connect("app.db")
    # ruleid: py/plaintext-password-storage
    conn.execute(sql, params)
    conn.commit()
    return "", 204


def add_admin(cursor, name, pwd):
    # ruleid: py/plaintext-password-storage
    cursor.execute(f"INSERT INTO admins (name, pwd) VALUES ('{name}', '{pwd}')")


def import_users(conn, rows):
    for row in rows:
        # ruleid: py/plaintext-password-storage
        conn.execute("INSERT INTO users(name, password) VALUES (:name, :password)", {"name": row["name"], "password": row["password"]})


def create_user(session, user):
    # ruleid: py/plaintext-password-storage
    session.execute(text("INSERT INTO users (login, user_password) VALUES (:l, :p)"), {"l": user.login, "p": user.password})


def reset(cur, uid, password):
    query = "UPDATE members SET password='%s' WHERE id=%d" % (password, uid)
    # ruleid: py/plaintext-password-storage
    cur.execute(query)
