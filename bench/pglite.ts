import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from './lib/http.ts';
import { closedLoop } from './lib/load.ts';
import { ms, num, log, machineLine, printBlock, verdict } from './lib/report.ts';
import { cpuSince, cpuSnapshot, cpuText, startChildServer, waitForQuiet, type ChildServer } from './lib/server.ts';
import { stockUp } from './lib/store.ts';
import { loadRows, orderFire, quietText } from './intake.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_PGLITE_CONCURRENCY ?? 8);

/** The same intake on the embedded database: one process, one connection, transactions in turn. */
export async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'wasl-bench-pglite-'));
  let server: ChildServer | undefined;
  let client: Client | undefined;
  try {
    log(`starting wasl serve --no-worker (PGlite in ${dir})`);
    server = await startChildServer({ dataDir: dir });
    client = new Client(server.url, server.key, CONCURRENCY);
    await stockUp(client);
    log('warm-up: 3 s');
    await closedLoop({ concurrency: CONCURRENCY, durationMs: 3000, fire: orderFire(client, 2) });
    const quiet = await waitForQuiet();
    log(`closed loop: ${CONCURRENCY} connections, ${SECONDS} s`);
    const cpu0 = cpuSnapshot(server.pid);
    const r = await closedLoop({ concurrency: CONCURRENCY, durationMs: SECONDS * 1000, warmupMs: 1000, fire: orderFire(client, 20) });
    const cpu = cpuSince(cpu0, server.pid);
    printBlock(
      `intake over HTTP on PGlite (embedded), ${CONCURRENCY} connections`,
      [
        ['measured', `POST /v1/orders, the same orders as the PostgreSQL run; server without DATABASE_URL, WASL_DATA_DIR=${dir}`],
        ['', `${CONCURRENCY} keep-alive connections, closed loop, ${SECONDS} s after 1 s warm-up`],
        ['machine', machineLine()],
        ...loadRows(r),
        ['cpu', `${cpuText(cpu)}; before: ${quietText(quiet)}`],
      ],
      [verdict({ bench: 'pglite', what: `orders/s at ${CONCURRENCY} connections`, value: `${num(r.rate, 1)} (p99 ${ms(r.latency.p99)})`, target: '≥ 100 orders/s', pass: r.rate >= 100 && r.failed === 0 })],
    );
  } finally {
    client?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
