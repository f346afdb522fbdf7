import { Router, type Request, type Response } from 'express';
import * as crypto from 'node:crypto';

export class PasswordService {
  generatePassword(length: number = 12): string {
    const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789!@#$';
    let password = '';
    while (password.length < length) {
      password += alphabet[crypto.randomInt(alphabet.length)];
    }
    return password;
  }
}

export function csrf(): string {
  const csrfToken: string = crypto.randomBytes(16).toString('hex');
  return csrfToken;
}

interface Invite {
  email: string;
  inviteCode: string;
}

export function createInvite(email: string): Invite {
  return {
    email,
    inviteCode: String(crypto.randomInt(1e6)).padStart(6, '0'),
  };
}

export const router = Router();
router.get('/csrf', (_req: Request, res: Response) => {
  res.json({ ok: true });
});
