import sqlite3
import bcrypt
from argon2 import PasswordHasher
from flask import Flask, request
from werkzeug.security import generate_password_hash
from passlib.hash import pbkdf2_sha256

app = Flask(__name__)
ph = PasswordHasher()


def register_user(conn: sqlite3.Connection, username: str, password: str) -> int:
    hashed = generate_password_hash(password)
    cur = conn.cursor()
    # ok: py/plaintext-password-storage
    cur.execute("INSERT INTO users (username, password_hash) VALUES (?, ?)", (username, hashed))
    conn.commit()
    return cur.lastrowid


@app.route("/signup", methods=["POST"])
def signup():
    password = request.form["password"]
    password = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    conn = sqlite3.connect("app.db")
    # ok: py/plaintext-password-storage
    conn.execute("INSERT INTO users (email, password) VALUES (?, ?)", (request.form["email"], password))
    return "", 201


def change_password(cur, user_id, new_password):
    # ok: py/plaintext-password-storage
    cur.execute("UPDATE users SET password = ? WHERE id = ?", (ph.hash(new_password), user_id))


def login(cur, username, password):
    # ok: py/plaintext-password-storage
    cur.execute("SELECT id, password_hash FROM users WHERE username = ?", (username,))
    return cur.fetchone()


def touch(cur, user_id, password_changed_at):
    # ok: py/plaintext-password-storage
    cur.execute("UPDATE users SET password_changed_at = ? WHERE id = ?", (password_changed_at, user_id))


def add_admin(cursor, name, pwd):
    digest = pbkdf2_sha256.hash(pwd)
    # ok: py/plaintext-password-storage
    cursor.execute("INSERT INTO admins (name, pwd) VALUES (%s, %s)", (name, digest))


def log_event(cur, user_id):
    # ok: py/plaintext-password-storage
    cur.execute("INSERT INTO audit (user_id, event) VALUES (?, 'password reset')", (user_id,))
