const express = require('express');

const app = express();
app.use(express.text());

app.post('/api/preferences', (req, res) => {
  const prefs = JSON.parse(req.body);
  res.json({ theme: String(prefs.theme || 'light') });
});

async function loadRemoteConfig(url) {
  const response = await fetch(url);
  const raw = await response.text();
  const config = JSON.parse(raw);
  return config;
}

function parseMessage(jsonText) {
  const message = JSON.parse(jsonText);
  return { type: message.type, payload: message.payload };
}

function cloneState(state) {
  return JSON.parse(JSON.stringify(state));
}

module.exports = { app, loadRemoteConfig, parseMessage, cloneState };
