import request from 'request';
import nodemailer from 'nodemailer';

export const transporter = nodemailer.createTransport({
  host: 'smtp.example.com',
  port: 587,
  tls: { rejectUnauthorized: false as boolean },
});

export function legacy(url: string, done: (err: Error | null) => void): void {
  request({ url, strictSSL: false, json: true }, (err: Error | null) => done(err));
}

if (process.env.NODE_ENV !== 'production') {
  // Skip certificate verification for local development certs
  process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
}
