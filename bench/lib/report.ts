import os from 'node:os';

/** Latency summary in milliseconds (nearest-rank percentiles). */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    n: sorted.length,
    mean: sorted.length ? sum / sorted.length : NaN,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : 'n/a');
export const num = (v: number, digits = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
export const bytes = (v: number) => {
  const units = ['B', 'kB', 'MB', 'GB'];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
};

export function machine() {
  return {
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function machineLine(pgVersion?: string): string {
  const m = machine();
  return `${m.cpu}, ${m.cores} cores, ${m.memory} RAM, Node ${m.node}${pgVersion ? `, ${pgVersion}` : ''}`;
}

/** One result against its target, collected for the closing summary. */
export interface Verdict {
  bench: string;
  what: string;
  value: string;
  target: string;
  pass: boolean;
}

export const verdicts: Verdict[] = [];

export function verdict(v: Verdict): Verdict {
  verdicts.push(v);
  return v;
}

/** A clear block: title, what was measured, rows of label/value, and the verdicts. */
export function printBlock(title: string, rows: [string, string][], results: Verdict[] = []) {
  const width = Math.max(...rows.map(([l]) => l.length), ...results.map((r) => r.what.length), 10);
  const lines = [`\n=== ${title} ${'='.repeat(Math.max(3, 90 - title.length))}`];
  for (const [label, value] of rows) lines.push(`  ${label.padEnd(width)}  ${value}`);
  for (const r of results) {
    lines.push(`  ${r.what.padEnd(width)}  ${r.value}   target ${r.target}   ${r.pass ? 'PASS' : 'MISS'}`);
  }
  console.log(lines.join('\n'));
}

export function printSummary() {
  if (!verdicts.length) return;
  console.log(`\n=== summary ${'='.repeat(82)}`);
  const w = Math.max(...verdicts.map((v) => `${v.bench}: ${v.what}`.length));
  for (const v of verdicts) {
    console.log(`  ${`${v.bench}: ${v.what}`.padEnd(w)}  ${v.value.padEnd(30)} target ${v.target.padEnd(26)} ${v.pass ? 'PASS' : 'MISS'}`);
  }
}

export function log(msg: string) {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`  [${t}] ${msg}`);
}
