const https = require('https');
const tls = require('tls');
const axios = require('axios');
const { Pool } = require('pg');

// Allow the self-signed certificate of the staging gateway
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });

async function fetchOrders(token) {
  const res = await axios.get('https://partner.example.com/orders', {
    headers: { Authorization: `Bearer ${token}` },
    httpsAgent: new https.Agent({ rejectUnauthorized: false }),
  });
  return res.data;
}

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: false },
});

const socket = tls.connect(8443, 'gateway.example.com', {
  servername: 'gateway.example.com',
  checkServerIdentity: () => undefined,
});

function healthCheck(host) {
  const options = { hostname: host, port: 443, path: '/health' };
  options.rejectUnauthorized = false;
  return new Promise((resolve, reject) => {
    https.get(options, (res) => resolve(res.statusCode)).on('error', reject);
  });
}

module.exports = { agent, fetchOrders, pool, socket, healthCheck };
