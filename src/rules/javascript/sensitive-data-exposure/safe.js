const express = require('express');
const User = require('./models/user');
const { Account, Post } = require('./models');
const { MongoClient } = require('mongodb');

const app = express();
const client = new MongoClient(process.env.MONGO_URL);

app.get('/api/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id).select('username avatar bio');
  if (!user) return res.status(404).json({ error: 'not found' });
  // ok: js/sensitive-data-exposure
  res.json(user);
});

app.get('/api/users/:id/card', async (req, res) => {
  const user = await User.findById(req.params.id);
  // ok: js/sensitive-data-exposure
  res.json({ id: user.id, username: user.username, avatar: user.avatar });
});

app.get('/api/accounts/:id', async (req, res) => {
  const account = await Account.findByPk(req.params.id, { attributes: ['id', 'displayName'] });
  // ok: js/sensitive-data-exposure
  res.send({ account });
});

app.get('/api/posts/:id', async (req, res) => {
  const post = await Post.findById(req.params.id);
  // ok: js/sensitive-data-exposure
  res.json(post);
});

app.get('/api/me', async (req, res) => {
  const me = await client.db('app').collection('users').findOne({ _id: req.session.userId }, { projection: { passwordHash: 0, resetToken: 0 } });
  // ok: js/sensitive-data-exposure
  res.json(me);
});

app.get('/health', (req, res) => {
  // ok: js/sensitive-data-exposure
  res.json({ status: 'ok', env: process.env.NODE_ENV });
});

app.get('/api/users/:id/public', async (req, res) => {
  const user = await User.findById(req.params.id, 'username avatar');
  // ok: js/sensitive-data-exposure
  res.json(user);
});

module.exports = app;

const demoUsers = [{ id: 1, name: 'ada' }];
app.get('/demo/users/:id', (req, res) => {
  // ok: js/sensitive-data-exposure
  res.json(demoUsers.find((u) => String(u.id) === req.params.id));
});
