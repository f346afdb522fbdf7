import express, { NextFunction, Request, Response, Router } from 'express';
import { prisma } from './db';

interface AuthedRequest extends Request { user?: { id: string; role: string } }

function requireAdmin(req: AuthedRequest, res: Response, next: NextFunction): void {
  if (req.user?.role !== 'admin') {
    res.sendStatus(403);
    return;
  }
  next();
}

const adminRoutes: Router = Router();

// ok: js/missing-authentication
adminRoutes.post('/admin/users/:id/ban', requireAdmin, async (req: Request<{ id: string }>, res: Response) => {
  await prisma.session.deleteMany({ where: { userId: req.params.id } });
  res.json({ banned: true });
});

const app = express();
// ok: js/missing-authentication
app.delete('/maintenance/logs', async (req: AuthedRequest, res: Response): Promise<void> => {
  if (!req.user) {
    res.sendStatus(401);
    return;
  }
  await prisma.$executeRaw`TRUNCATE TABLE request_logs`;
  res.sendStatus(204);
});

// ok: js/missing-authentication
app.get('/admin/version', (_req: Request, res: Response) => res.json({ version: '1.2.3' }));

export default adminRoutes;
