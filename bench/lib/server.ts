import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
export async function startChildServer(
  database: { url: string } | { dataDir: string },
  opts: { key?: string; nodeArgs?: string[]; /** Extra variables for the server (e.g. WASL_OWNER_EMAIL). */ env?: Record<string, string> } = {},
): Promise<ChildServer> {
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
    ...opts.env,
  });
  const child: ChildProcess = spawn(process.execPath, [...(opts.nodeArgs ?? []), 'bin/wasl.js', 'serve', '--no-worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

type Kind = 'server' | 'self' | 'postgres' | 'other';

/** CPU ticks of every process now, with its kind: the server, this process, PostgreSQL, anything else. */
function processTicks(serverPid: number): Map<number, { ticks: number; kind: Kind }> {
  const out = new Map<number, { ticks: number; kind: Kind }>();
  let names: string[] = [];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return out;
  }
  for (const n of names) {
    const pid = Number(n);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const kind: Kind = pid === serverPid ? 'server' : pid === process.pid ? 'self' : comm === 'postgres' ? 'postgres' : 'other';
    out.set(pid, { ticks, kind });
  }
  return out;
}

/**
 * A CPU meter started now: every 500 ms it reads every process's ticks and adds what each used
 * since the last reading to its kind, so processes that start and exit during the measurement
 * (pgbench's backends) are counted too.
 */
export interface CpuSnapshot {
  at: number;
  machine: { busy: number; total: number };
  serverPid: number;
  seen: Map<number, number>;
  used: Record<Kind, number>;
  timer: NodeJS.Timeout;
}

function sampleInto(s: CpuSnapshot) {
  for (const [pid, { ticks, kind }] of processTicks(s.serverPid)) {
    const before = s.seen.get(pid);
    s.used[kind] += before === undefined ? ticks : Math.max(0, ticks - before);
    s.seen.set(pid, ticks);
  }
}

export function cpuSnapshot(serverPid: number): CpuSnapshot {
  const seen = new Map<number, number>();
  for (const [pid, { ticks }] of processTicks(serverPid)) seen.set(pid, ticks);
  const s: CpuSnapshot = {
    at: performance.now(),
    machine: machineTicks(),
    serverPid,
    seen,
    used: { server: 0, self: 0, postgres: 0, other: 0 },
    timer: undefined as never,
  };
  s.timer = setInterval(() => sampleInto(s), 500);
  s.timer.unref();
  return s;
}

/**
 * CPU use since `cpuSnapshot`: server, load generator and PostgreSQL (every postgres process,
 * other databases' included) in % of one core; `othersCore` is what the rest of the machine used
 * (other people's processes on a shared machine, pgbench's client), also in % of one core;
 * `machineBusy` is % of all cores.
 */
export function cpuSince(s: CpuSnapshot, _serverPid?: number) {
  clearInterval(s.timer);
  sampleInto(s);
  const machine = machineTicks();
  const seconds = (performance.now() - s.at) / 1000;
  const core = (ticks: number) => (ticks / TICKS / seconds) * 100;
  const machineTicksUsed = machine.busy - s.machine.busy;
  const known = s.used.server + s.used.self + s.used.postgres;
  return {
    serverCore: core(s.used.server),
    loadgenCore: core(s.used.self),
    postgresCore: core(s.used.postgres),
    othersCore: core(Math.max(0, machineTicksUsed - known)),
    machineBusy: (machineTicksUsed / (machine.total - s.machine.total)) * 100,
  };
}

export const cpuText = (c: ReturnType<typeof cpuSince>) =>
  `machine ${c.machineBusy.toFixed(0)}% busy (of ${cpus().length} cores); in % of one core: wasl server ${c.serverCore.toFixed(0)}, ` +
  `postgres ${c.postgresCore.toFixed(0)}, load generator ${c.loadgenCore.toFixed(0)}, other processes ${c.othersCore.toFixed(0)}`;

/**
 * The machine may be shared (other people's builds and tests): before a measurement, wait up to
 * `maxWaitMs` for a 2-second window in which it is less than `threshold`% busy. Returns how
 * busy the last window was, to be reported.
 */
export async function waitForQuiet(maxWaitMs = Number(process.env.BENCH_QUIET_WAIT ?? 20) * 1000, threshold = 25): Promise<{ busy: number; waitedMs: number }> {
  const started = performance.now();
  for (;;) {
    const a = machineTicks();
    await new Promise((r) => setTimeout(r, 2000));
    const b = machineTicks();
    const busy = ((b.busy - a.busy) / (b.total - a.total)) * 100;
    const waitedMs = performance.now() - started;
    if (busy < threshold || waitedMs >= maxWaitMs) return { busy, waitedMs };
  }
}
