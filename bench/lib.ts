// Shared helpers for `npm run bench`: every figure is printed beside a baseline measured in the
// same run, so the ratio (not the absolute number) is what to compare across machines.
import { performance } from "node:perf_hooks";

export type BenchRow = { name: string; value: string; baseline?: string; ratio?: string };

/** Runs fn repeatedly for ~ms milliseconds; returns operations per second. */
export async function opsPerSecond(fn: () => unknown | Promise<unknown>, ms = 2000): Promise<number> {
  for (let i = 0; i < 50; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    n++;
    if ((n & 15) === 0) now = performance.now();
  }
  return (n / (performance.now() - start)) * 1000;
}

/** Latencies (ms) of `count` sequential calls; returns p50/p95/p99. */
export async function latencies(fn: (i: number) => unknown | Promise<unknown>, count: number) {
  const xs: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const q = (p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

export function printTable(title: string, rows: BenchRow[]) {
  console.log(`\n## ${title}\n`);
  console.log("| measure | value | in-run baseline | ratio |");
  console.log("|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.name} | ${r.value} | ${r.baseline ?? ""} | ${r.ratio ?? ""} |`);
}
