/**
 * The exam-day bench's baseline: a bare Fastify route doing the one upsert an autosave needs
 * (same guard on seq), with no session, CSRF, validation, device or deadline checks.
 *   DATABASE_URL=… PORT=… node --import tsx bench/bare-upsert.ts
 */
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`create table if not exists bench_bare_answers (
  attempt_id integer not null, position integer not null, seq integer not null, response jsonb,
  saved_at timestamptz not null default now(), primary key (attempt_id, position))`);
await pool.query('truncate bench_bare_answers');

const app = Fastify();
app.get('/health', async () => ({ ok: true }));
app.put<{ Params: { attempt: string }; Body: { position: number; seq: number; response: unknown } }>('/bare/:attempt', async (req) => {
  await pool.query(
    `insert into bench_bare_answers (attempt_id, position, seq, response) values ($1, $2, $3, $4)
     on conflict (attempt_id, position) do update set seq = excluded.seq, response = excluded.response, saved_at = now()
     where bench_bare_answers.seq < excluded.seq`,
    [Number(req.params.attempt), req.body.position, req.body.seq, JSON.stringify(req.body.response)],
  );
  return { acknowledged: [req.body.seq] };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
