import { spawn } from 'node:child_process';
import { ADMIN_URL } from './pg.ts';

const PGBENCH = process.env.BENCH_PGBENCH ?? '/usr/bin/pgbench';

function connArgs(database: string): string[] {
  const u = new URL(ADMIN_URL);
  return ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), database];
}

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PGBENCH, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

export async function pgbenchInit(database: string, scale: number): Promise<void> {
  await run(['-i', '-q', '-s', String(scale), ...connArgs(database)]);
}

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
  transactions: number;
  raw: string;
}

/** TPC-B (the default pgbench script) at `clients` connections, `threads` threads, for `seconds`. */
export async function pgbenchRun(database: string, clients: number, threads: number, seconds: number): Promise<PgbenchResult> {
  const raw = await run(['-c', String(clients), '-j', String(threads), '-T', String(seconds), ...connArgs(database)]);
  const tps = /tps = ([\d.]+)/.exec(raw);
  if (!tps) throw new Error(`no tps in pgbench output:\n${raw}`);
  const latency = /latency average = ([\d.]+) ms/.exec(raw);
  const tx = /number of transactions actually processed: (\d+)/.exec(raw);
  return { tps: Number(tps[1]), latencyMs: latency ? Number(latency[1]) : NaN, transactions: tx ? Number(tx[1]) : NaN, raw };
}

/** A custom script (`-f`) with variables (`-D name=value`), no vacuum of pgbench's own tables. */
export async function pgbenchScript(
  database: string,
  file: string,
  opts: { clients: number; threads: number; seconds: number; mode: 'simple' | 'extended' | 'prepared'; define: Record<string, string> },
): Promise<PgbenchResult> {
  const defines = Object.entries(opts.define).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
  const raw = await run(['-n', '-f', file, '-M', opts.mode, '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds), ...defines, ...connArgs(database)]);
  const tps = /tps = ([\d.]+)/.exec(raw);
  if (!tps) throw new Error(`no tps in pgbench output:\n${raw}`);
  const latency = /latency average = ([\d.]+) ms/.exec(raw);
  const tx = /number of transactions actually processed: (\d+)/.exec(raw);
  const failed = /number of failed transactions: (\d+)/.exec(raw);
  if (failed && Number(failed[1]) > 0) throw new Error(`pgbench ${file}: ${failed[1]} failed transactions:\n${raw}`);
  return { tps: Number(tps[1]), latencyMs: latency ? Number(latency[1]) : NaN, transactions: tx ? Number(tx[1]) : NaN, raw };
}
