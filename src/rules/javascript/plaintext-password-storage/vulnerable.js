const express = require('express');
const { MongoClient } = require('mongodb');
const { Pool } = require('pg');
const mysql = require('mysql2/promise');

const app = express();
app.use(express.json());
const client = new MongoClient(process.env.MONGO_URL);
const pool = new Pool();

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  const users = client.db('app').collection('users');
  // ruleid: js/plaintext-password-storage
  const result = await users.insertOne({ email, password, createdAt: new Date() });
  req.session.userId = result.insertedId;
  res.status(201).json({ id: result.insertedId });
});

app.post('/api/register', async (req, res) => {
  // ruleid: js/plaintext-password-storage
  await client.db().collection('accounts').insertOne({ username: req.body.username, password: req.body.password });
  res.sendStatus(201);
});

app.put('/api/users/:id/password', async (req, res) => {
  const newPassword = req.body.newPassword;
  const accounts = client.db('app').collection('users');
  // ruleid: js/plaintext-password-storage
  await accounts.updateOne({ _id: req.params.id }, { $set: { password: newPassword } });
  res.sendStatus(204);
});

app.post('/pg/signup', async (req, res) => {
  const { email, password } = req.body;
  // ruleid: js/plaintext-password-storage
  const { rows } = await pool.query('INSERT INTO users (email, password) VALUES ($1, $2) RETURNING id', [email, password]);
  res.json(rows[0]);
});

async function createUser(conn, name, pwd) {
  const sql = `INSERT INTO users (name, pwd) VALUES (?, ?)`;
  // ruleid: js/plaintext-password-storage
  await conn.execute(sql, [name, pwd]);
}

async function resetPassword(db, id, password) {
  // ruleid: js/plaintext-password-storage
  await db.run(`UPDATE users SET password = '${password}' WHERE id = ${id}`);
}

module.exports = { app, createUser, resetPassword, mysql };
