import mysql from 'mysql2/promise';
import type { Pool as PgPool } from 'pg';

interface Account {
  id: number;
  email: string;
}

export async function deleteUser(conn: mysql.Connection, userId: string): Promise<void> {
  await conn.execute('DELETE FROM users WHERE id = ' + userId);
}

export async function findAccount(pool: PgPool, email: string): Promise<Account | undefined> {
  const { rows } = await pool.query(`SELECT id, email FROM accounts WHERE email = '${email}'`);
  return rows[0];
}

export async function renameTeam(conn: mysql.Pool, teamId: number, name: string): Promise<void> {
  const sql = `UPDATE teams SET name = '${name}' WHERE id = ${teamId}`;
  await conn.query(sql);
}
