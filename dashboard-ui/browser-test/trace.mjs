// Where the dashboard's main thread goes under the benchmark feed (a profile, not a test):
//   node browser-test/trace.mjs <dashboard url> [SYMBOLSxTICKS_PER_SYMBOL] [seconds] [trace.json]
// Loads the page with ?bench=..., warms up, records a Chromium trace (playwright-core's
// browser.startTracing) for the window, and prints the renderer main thread's time by event
// (self time, the event minus the events nested in it), largest first. The raw trace is kept
// for chrome://tracing or the Performance panel when a file name is given.
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [url, spec = '50x200', secondsArg = '5', output] = process.argv.slice(2);
if (url === undefined) {
  console.error('usage: node browser-test/trace.mjs <dashboard url> [SYMBOLSxTICKS] [seconds] [trace.json]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const target = new URL(url);
target.searchParams.set('bench', spec);
// TRACE_LAYOUT='4!1s~vwap_sma_ema_volume_bidask,...' profiles another chart layout (see bench.mjs)
if (process.env.TRACE_LAYOUT !== undefined) target.searchParams.set('layout', process.env.TRACE_LAYOUT);
await page.goto(target.toString());
await page.waitForFunction(() => window.tickerDashboard?.state().connection === 'live', undefined, { timeout: 30_000 });
// an experiment: TRACE_CSS='canvas.sparkline{display:none}' shows what a part of the page costs
if (process.env.TRACE_CSS !== undefined) await page.addStyleTag({ content: process.env.TRACE_CSS });
const [symbols, perSymbol] = spec.split('x').map(Number);
await page.waitForFunction((n) => window.tickerDashboard.state().ticks >= n, 2 * symbols * perSymbol, { timeout: 60_000 });

await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'gpu', 'viz'],
});
await page.waitForTimeout(Number(secondsArg) * 1000); // the window traced
const buffer = await browser.stopTracing();
await browser.close();
if (output !== undefined) writeFileSync(output, buffer);

const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? JSON.parse(buffer.toString('utf8'));
// the renderer's main thread: the thread named CrRendererMain of the page's process
const mainThreads = new Set(
  events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
);
const byThread = new Map();
for (const e of events) {
  if (e.ph !== 'X' || typeof e.dur !== 'number') continue;
  const key = `${e.pid}:${e.tid}`;
  if (!byThread.has(key)) byThread.set(key, []);
  byThread.get(key).push(e);
}
const selfByName = new Map();
const frames = [];
let busyUs = 0;
let windowUs = 0;
for (const [key, list] of byThread) {
  if (!mainThreads.has(key)) continue;
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const first = list[0]?.ts ?? 0;
  const last = Math.max(...list.map((e) => e.ts + e.dur));
  windowUs = Math.max(windowUs, last - first);
  const open = [];
  for (const e of list) {
    while (open.length > 0 && open[open.length - 1].end <= e.ts) open.pop();
    const frame = { name: e.name, dur: e.dur, end: e.ts + e.dur, child: 0 };
    const parent = open[open.length - 1];
    if (parent !== undefined) parent.child += e.dur;
    else busyUs += e.dur;
    open.push(frame);
    frames.push(frame);
  }
}
for (const f of frames) selfByName.set(f.name, (selfByName.get(f.name) ?? 0) + Math.max(0, f.dur - f.child));
const rows = [...selfByName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20);
console.log(`trace ${spec}: renderer main thread busy ${(busyUs / 1000).toFixed(0)} ms of ${(windowUs / 1000).toFixed(0)} ms traced (${((100 * busyUs) / Math.max(1, windowUs)).toFixed(1)}%)`);
for (const [name, us] of rows) {
  console.log(`  ${(us / 1000).toFixed(1).padStart(9)} ms  ${((100 * us) / Math.max(1, windowUs)).toFixed(1).padStart(5)}%  ${name}`);
}
