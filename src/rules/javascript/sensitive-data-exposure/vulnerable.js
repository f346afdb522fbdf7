const express = require('express');
const { MongoClient } = require('mongodb');
const User = require('./models/user');
const { Account } = require('./models');

const app = express();
const client = new MongoClient(process.env.MONGO_URL);

// GET /api/users/:id returns the profile shown on the user's public page.
app.get('/api/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) return res.status(404).json({ error: 'not found' });
  // ruleid: js/sensitive-data-exposure
  res.json(user);
});

app.get('/api/accounts/:id', async (req, res, next) => {
  try {
    const account = await Account.findByPk(req.params.id);
    // ruleid: js/sensitive-data-exposure
    res.status(200).send({ account });
  } catch (err) {
    next(err);
  }
});

app.get('/api/members', async (req, res) => {
  // ruleid: js/sensitive-data-exposure
  res.json(await User.find({ active: true }).sort({ createdAt: -1 }).exec());
});

app.get('/api/me', async (req, res) => {
  const users = client.db('app').collection('users');
  const me = await users.findOne({ _id: req.session.userId });
  // ruleid: js/sensitive-data-exposure
  res.json({ ok: true, user: me });
});

app.get('/debug/env', (req, res) => {
  // ruleid: js/sensitive-data-exposure
  res.json(process.env);
});

app.get('/debug/config', (req, res) => {
  // ruleid: js/sensitive-data-exposure
  res.send({ version: '1.2.0', env: process.env });
});

module.exports = app;
