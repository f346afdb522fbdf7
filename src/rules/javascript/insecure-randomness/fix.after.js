'use strict';
const express = require('express');
const { users } = require('./store');
const crypto = require('node:crypto');

const app = express();
app.use(express.json());

function generateToken(length = 32) {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let result = '';
  for (let i = 0; i < length; i++) {
    result += chars.charAt(crypto.randomInt(chars.length));
  }
  return result;
}

app.post('/forgot', async (req, res) => {
  const resetToken = crypto.randomBytes(7).toString('hex').slice(0, 13);
  await users.setResetToken(String(req.body.email), resetToken);
  res.sendStatus(204);
});

function createOtp() {
  return crypto.randomInt(100000, 1000000).toString();
}

const makeApiKey = () => {
  const apiKey = 'sk_' + crypto.randomBytes(16).toString('hex') + crypto.randomBytes(16).toString('hex');
  return apiKey;
};

function newVerificationCode() {
  const verificationCode = crypto.randomInt(1000, 10000);
  return verificationCode;
}

module.exports = { app, generateToken, createOtp, makeApiKey, newVerificationCode };
