import { PrismaClient } from '@prisma/client';
import type { Request, Response } from 'express';
import { Db } from 'mongodb';

const prisma = new PrismaClient();

interface SignupBody {
  email: string;
  password: string;
}

export async function signup(req: Request<{}, {}, SignupBody>, res: Response) {
  const { email, password } = req.body;
  // ruleid: js/plaintext-password-storage
  const user = await prisma.user.create({ data: { email, password } });
  res.status(201).json({ id: user.id });
}

export async function seedAdmins(db: Db, admins: { name: string; password: string }[]) {
  const coll = db.collection('admins');
  // ruleid: js/plaintext-password-storage
  await coll.insertMany(admins.map((a) => ({ name: a.name, password: a.password })));
}
