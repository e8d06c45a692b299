// `npm run bench [-- intake|pglite|list|cascade|profile]`: benchmark programs that print numbers
// (not timed tests). Every run is against 127.0.0.1 only; databases are created and dropped here.
import { benchCascade } from './cascade.ts';
import { benchIntake } from './intake.ts';
import { benchList } from './list.ts';
import { benchPglite } from './pglite.ts';
import { benchRisk } from './risk.ts';
import { profileIntake } from './profile-intake.ts';
import { benchWebOrders } from './web-orders.ts';
import { dropCreatedDatabases, serverVersion } from './lib/pg.ts';
import { machineLine, printSummary } from './lib/report.ts';
import { stopAllChildServers } from './lib/server.ts';

const BENCHES: Record<string, () => Promise<void>> = {
  intake: benchIntake,
  pglite: benchPglite,
  list: benchList,
  profile: profileIntake,
  cascade: benchCascade,
  risk: benchRisk,
  web: benchWebOrders,
};
/** What `npm run bench` runs with no name: every issue's targets (profile is on demand). */
const DEFAULT = ['intake', 'pglite', 'list', 'cascade', 'risk', 'web'];

async function cleanup() {
  await stopAllChildServers();
  if (!process.env.BENCH_KEEP) await dropCreatedDatabases();
}

async function main() {
  const names = process.argv.slice(2).filter((a) => a !== '--');
  const chosen = names.length ? names : DEFAULT;
  for (const n of chosen) {
    if (!BENCHES[n]) {
      console.error(`unknown benchmark "${n}"; choose from: ${Object.keys(BENCHES).join(', ')}`);
      process.exit(2);
    }
  }
  const started = Date.now();
  console.log(`wasl benchmarks: ${chosen.join(', ')} — ${new Date().toISOString()}`);
  console.log(`machine: ${machineLine(await serverVersion().catch(() => 'PostgreSQL unreachable'))}`);
  let failed = false;
  for (const n of chosen) {
    try {
      await BENCHES[n]();
    } catch (err) {
      failed = true;
      console.error(`\n!!! ${n} failed: ${err instanceof Error ? err.stack ?? err.message : err}`);
      await cleanup();
    }
  }
  printSummary();
  console.log(`\ntotal time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed) process.exitCode = 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers, dropping bench databases`);
    void cleanup().finally(() => process.exit(130));
  });
}

await main();
