import express, { Request, Response, Router } from 'express';
import { prisma } from './db';

const adminRoutes: Router = Router();

// ruleid: js/missing-authentication
adminRoutes.post('/admin/users/:id/ban', async (req: Request<{ id: string }>, res: Response) => {
  await prisma.session.deleteMany({ where: { userId: req.params.id } });
  res.json({ banned: true });
});

const app = express();
// ruleid: js/missing-authentication
app.delete('/maintenance/logs', async (_req: Request, res: Response): Promise<void> => {
  await prisma.$executeRaw`TRUNCATE TABLE request_logs`;
  res.sendStatus(204);
});

export default adminRoutes;
