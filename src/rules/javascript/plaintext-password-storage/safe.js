const express = require('express');
const bcrypt = require('bcrypt');
const argon2 = require('argon2');
const { MongoClient } = require('mongodb');
const { Pool } = require('pg');
const User = require('./models/user');

const app = express();
app.use(express.json());
const client = new MongoClient(process.env.MONGO_URL);
const pool = new Pool();

app.post('/signup', async (req, res) => {
  const { email, password } = req.body;
  const passwordHash = await bcrypt.hash(password, 12);
  const users = client.db('app').collection('users');
  // ok: js/plaintext-password-storage
  const result = await users.insertOne({ email, passwordHash });
  res.status(201).json({ id: result.insertedId });
});

app.post('/api/register', async (req, res) => {
  // ok: js/plaintext-password-storage
  await client.db().collection('accounts').insertOne({ username: req.body.username, password: await argon2.hash(req.body.password) });
  res.sendStatus(201);
});

app.put('/api/users/:id/password', async (req, res) => {
  let password = req.body.password;
  password = await bcrypt.hash(password, 10);
  const accounts = client.db('app').collection('users');
  // ok: js/plaintext-password-storage
  await accounts.updateOne({ _id: req.params.id }, { $set: { password } });
  res.sendStatus(204);
});

app.post('/pg/signup', async (req, res) => {
  const { email, password } = req.body;
  const hashed = await bcrypt.hash(password, 12);
  // ok: js/plaintext-password-storage
  const { rows } = await pool.query('INSERT INTO users (email, password_hash) VALUES ($1, $2) RETURNING id', [email, hashed]);
  res.json(rows[0]);
});

app.post('/login', async (req, res) => {
  // ok: js/plaintext-password-storage
  const { rows } = await pool.query('SELECT id, password FROM users WHERE email = $1', [req.body.email]);
  res.json({ ok: rows.length > 0 });
});

app.post('/mongoose/signup', async (req, res) => {
  // ok: js/plaintext-password-storage
  const user = await User.create({ email: req.body.email, password: req.body.password });
  res.status(201).json({ id: user.id });
});

async function markChanged(db, id) {
  // ok: js/plaintext-password-storage
  await db.run('UPDATE users SET password_changed_at = CURRENT_TIMESTAMP WHERE id = ?', [id]);
}

module.exports = { app, markChanged };
