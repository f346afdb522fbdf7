const { Pool } = require('pg');
const mysql = require('mysql2');
const sqlite3 = require('sqlite3').verbose();
const Database = require('better-sqlite3');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const connection = mysql.createConnection({ host: 'localhost', user: 'app', database: 'shop' });
const db = new sqlite3.Database('./app.db');
const cache = new Database('cache.db');

async function findUserByEmail(email) {
  const result = await pool.query(`SELECT id, name FROM users WHERE email = '${email}' AND active = true`);
  return result.rows[0];
}

async function listOrders(userId, status) {
  const query = `SELECT * FROM orders WHERE user_id = ${userId} AND status = '${status}' ORDER BY created_at DESC`;
  const { rows } = await pool.query(query);
  return rows;
}

function getProduct(id, callback) {
  connection.query('SELECT * FROM products WHERE id = ' + id, (err, rows) => {
    if (err) return callback(err);
    callback(null, rows[0]);
  });
}

function searchProducts(term, callback) {
  db.all("SELECT * FROM products WHERE name LIKE '%" + term + "%'", callback);
}

function addComment(postId, author, body) {
  return cache.prepare(`INSERT INTO comments (post_id, author, body) VALUES (${postId}, '${author}', '${body}')`).run();
}

module.exports = { findUserByEmail, listOrders, getProduct, searchProducts, addComment };
