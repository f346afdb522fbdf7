const express = require('express');
const http = require('http');
const passport = require('passport');
const { User, Post } = require('./models');
const { requireAuth, requireRole } = require('./middleware/auth');
const db = require('./db');

const router = express.Router();
const app = express();
app.use(express.json());

// ok: js/missing-authentication
router.delete('/admin/users/:id', requireAuth, requireRole('admin'), async (req, res) => {
  await Post.deleteMany({ author: req.params.id });
  await User.findByIdAndDelete(req.params.id);
  res.status(204).end();
});

// ok: js/missing-authentication
app.post('/internal/cache/purge', passport.authenticate('jwt', { session: false }), (req, res) => {
  db.query('DELETE FROM page_cache');
  res.json({ purged: true });
});

// ok: js/missing-authentication
app.post('/ops/shutdown', (req, res) => {
  if (req.get('x-admin-token') !== process.env.ADMIN_TOKEN) return res.sendStatus(401);
  res.send('bye');
  process.exit(0);
});

// ok: js/missing-authentication
app.get('/admin/health', (req, res) => {
  res.json({ status: 'ok' });
});

// ok: js/missing-authentication
app.delete('/posts/:id', async (req, res) => {
  await Post.findByIdAndDelete(req.params.id);
  res.sendStatus(204);
});

const adminRouter = express.Router();
adminRouter.use(requireAuth);
// ok: js/missing-authentication
adminRouter.put('/settings/:key', async (req, res) => {
  await db.query('UPDATE settings SET value = $1 WHERE key = $2', [req.body.value, req.params.key]);
  res.sendStatus(200);
});
app.use('/admin', adminRouter);

const flags = { newCheckout: false };
const server = http.createServer((req, res) => {
  const auth = req.headers.authorization || '';
  // ok: js/missing-authentication
  if (req.method === 'POST' && req.url === '/flags') {
    if (auth !== `Bearer ${process.env.OPS_TOKEN}`) {
      res.statusCode = 401;
      return res.end();
    }
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
