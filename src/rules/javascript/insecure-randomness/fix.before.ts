import { Router, type Request, type Response } from 'express';

export class PasswordService {
  generatePassword(length: number = 12): string {
    const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789!@#$';
    let password = '';
    while (password.length < length) {
      password += alphabet[Math.floor(Math.random() * alphabet.length)];
    }
    return password;
  }
}

export function csrf(): string {
  const csrfToken: string = Math.random().toString(16).slice(2);
  return csrfToken;
}

interface Invite {
  email: string;
  inviteCode: string;
}

export function createInvite(email: string): Invite {
  return {
    email,
    inviteCode: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
  };
}

export const router = Router();
router.get('/csrf', (_req: Request, res: Response) => {
  res.json({ ok: true });
});
