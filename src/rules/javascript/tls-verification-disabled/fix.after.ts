import request from 'request';
import nodemailer from 'nodemailer';

export const transporter = nodemailer.createTransport({
  host: 'smtp.example.com',
  port: 587,
  tls: { rejectUnauthorized: true as boolean },
});

export function legacy(url: string, done: (err: Error | null) => void): void {
  request({ url, strictSSL: true, json: true }, (err: Error | null) => done(err));
}

