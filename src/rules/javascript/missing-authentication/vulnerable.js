const express = require('express');
const http = require('http');
const { exec } = require('child_process');
const { User, Post } = require('./models');
const db = require('./db');

const router = express.Router();
const app = express();
app.use(express.json());

// DELETE /admin/users/:id removes the user and everything they posted.
// ruleid: js/missing-authentication
router.delete('/admin/users/:id', async (req, res) => {
  await Post.deleteMany({ author: req.params.id });
  await User.findByIdAndDelete(req.params.id);
  res.status(204).end();
});

// ruleid: js/missing-authentication
app.post('/internal/cache/purge', (req, res) => {
  db.query('DELETE FROM page_cache');
  res.json({ purged: true });
});

async function shutdown(req, res) {
  res.send('bye');
  process.exit(0);
}
// ruleid: js/missing-authentication
app.post('/ops/shutdown', shutdown);

const adminRouter = express.Router();
// ruleid: js/missing-authentication
adminRouter.put('/settings/:key', express.json(), async (req, res) => {
  const { key } = req.params;
  await db.query('UPDATE settings SET value = $1 WHERE key = $2', [req.body.value, key]);
  res.sendStatus(200);
});
app.use('/admin', adminRouter);

// ruleid: js/missing-authentication
app.get('/debug/restart', (req, res) => {
  exec('systemctl restart worker', () => res.send('restarting'));
});

const flags = { newCheckout: false };
const server = http.createServer((req, res) => {
  // ruleid: js/missing-authentication
  if (req.method === 'POST' && req.url === '/flags') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const { flag, enabled } = JSON.parse(body);
      flags[flag] = Boolean(enabled);
      res.end(JSON.stringify(flags));
    });
    return;
  }
  res.end('ok');
});
server.listen(8080);

module.exports = router;
