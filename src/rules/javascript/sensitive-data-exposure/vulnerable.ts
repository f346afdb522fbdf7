import Koa from 'koa';
import Router from '@koa/router';
import { PrismaClient } from '@prisma/client';
import type { Request, Response } from 'express';

const prisma = new PrismaClient();
const router = new Router();

router.get('/users/:id', async (ctx: Koa.Context) => {
  const user = await prisma.user.findUnique({ where: { id: Number(ctx.params.id) } });
  // ruleid: js/sensitive-data-exposure
  ctx.body = user;
});

export async function getProfile(req: Request, res: Response): Promise<void> {
  const profile = await prisma.profile.findFirst({ where: { handle: req.params.handle }, include: { posts: true } });
  // ruleid: js/sensitive-data-exposure
  res.json(profile);
}
