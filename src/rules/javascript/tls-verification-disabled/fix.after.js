const https = require('https');
const tls = require('tls');
const axios = require('axios');
const { Pool } = require('pg');


const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });

async function fetchOrders(token) {
  const res = await axios.get('https://partner.example.com/orders', {
    headers: { Authorization: `Bearer ${token}` },
    httpsAgent: new https.Agent({ rejectUnauthorized: true }),
  });
  return res.data;
}

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: { rejectUnauthorized: true },
});

const socket = tls.connect(8443, 'gateway.example.com', {
  servername: 'gateway.example.com',
});

function healthCheck(host) {
  const options = { hostname: host, port: 443, path: '/health' };
  options.rejectUnauthorized = true;
  return new Promise((resolve, reject) => {
    https.get(options, (res) => resolve(res.statusCode)).on('error', reject);
  });
}

module.exports = { agent, fetchOrders, pool, socket, healthCheck };
