import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  url: string;
  key: string;
  pid: number;
  /** What the child printed (stdout and stderr), for diagnosis. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export const benchKey = () => `bench_${randomBytes(24).toString('base64url')}`;

const running = new Set<ChildServer>();

/**
 * `wasl serve --no-worker` in a child process of its own, so the load generator does not share
 * its event loop. `database` is a PostgreSQL URL, or `{ dataDir }` for the embedded PGlite.
 */
export async function startChildServer(database: { url: string } | { dataDir: string }, opts: { key?: string } = {}): Promise<ChildServer> {
  const port = await freePort();
  const key = opts.key ?? benchKey();
  const env: NodeJS.ProcessEnv = {};
  // Only what a server needs: no inherited DATABASE_URL or WASL_* from the caller's shell.
  for (const name of ['PATH', 'HOME', 'LANG', 'TZ', 'NODE_OPTIONS']) if (process.env[name] !== undefined) env[name] = process.env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    WASL_API_KEY: key,
    LOG_LEVEL: 'warn',
    ...('url' in database ? { DATABASE_URL: database.url } : { WASL_DATA_DIR: database.dataDir }),
  });
  const child: ChildProcess = spawn(process.execPath, ['bin/wasl.js', 'serve', '--no-worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => {
    exited = code ?? -1;
    resolve();
  }));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`wasl serve exited with ${exited} before it was healthy:\n${out}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`wasl serve did not become healthy in 180 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const server: ChildServer = {
    url,
    key,
    pid: child.pid!,
    output: () => out,
    async stop() {
      running.delete(server);
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(timer);
    },
  };
  running.add(server);
  return server;
}

export async function stopAllChildServers() {
  for (const s of [...running]) await s.stop().catch(() => {});
}

// --- CPU accounting from /proc (Linux): who used the two cores during a measurement ---

const TICKS = 100; // USER_HZ

function procTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return NaN;
  }
}

function machineTicks(): { busy: number; total: number } {
  try {
    const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.reduce((s, x) => s + x, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

export interface CpuSnapshot {
  at: number;
  server: number;
  self: NodeJS.CpuUsage;
  machine: { busy: number; total: number };
}

export function cpuSnapshot(serverPid: number): CpuSnapshot {
  return { at: performance.now(), server: procTicks(serverPid), self: process.cpuUsage(), machine: machineTicks() };
}

/** CPU use between two snapshots, in % of one core (server, load generator) and % of the machine. */
export function cpuSince(a: CpuSnapshot, serverPid: number) {
  const b = cpuSnapshot(serverPid);
  const seconds = (b.at - a.at) / 1000;
  const self = process.cpuUsage(a.self);
  return {
    serverCore: ((b.server - a.server) / TICKS / seconds) * 100,
    loadgenCore: ((self.user + self.system) / 1e6 / seconds) * 100,
    machineBusy: ((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * 100,
  };
}

export const cpuText = (c: ReturnType<typeof cpuSince>) =>
  `wasl server ${c.serverCore.toFixed(0)}% of a core, load generator ${c.loadgenCore.toFixed(0)}%, machine ${c.machineBusy.toFixed(0)}% busy (both cores)`;
