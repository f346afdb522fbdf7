'use strict';
const express = require('express');
const { users } = require('./store');

const app = express();
app.use(express.json());

function generateToken(length = 32) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let result = '';
  for (let i = 0; i < length; i++) {
    result += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return result;
}

app.post('/forgot', async (req, res) => {
  const resetToken = Math.random().toString(36).substring(2, 15);
  await users.setResetToken(String(req.body.email), resetToken);
  res.sendStatus(204);
});

function createOtp() {
  return Math.floor(100000 + Math.random() * 900000).toString();
}

const makeApiKey = () => {
  const apiKey = 'sk_' + Math.random().toString(36).substr(2) + Math.random().toString(36).substr(2);
  return apiKey;
};

function newVerificationCode() {
  const verificationCode = Math.floor(Math.random() * 9000) + 1000;
  return verificationCode;
}

module.exports = { app, generateToken, createOtp, makeApiKey, newVerificationCode };
