// Browser benchmark of the dashboard (a measurement, not a test):
//   node browser-test/bench.mjs <dashboard url> [SYMBOLSxTICKS_PER_SYMBOL] [seconds] [layout|-] [loads]
//   (npm run bench -- <dashboard url> ... does the same)
// Loads the page with ?bench=50x200: a worker plays a server sending real protobuf frames for 50
// symbols at 200 ticks/s each (10,000 ticks/s, frames every 10 ms). The page does what it does
// with a real server: decode, update state, render once per animation frame. It shows the layout
// given (by default four charts, three of them pinned to other symbols, every indicator and the
// bid/ask line on), charts built from the live trades. After a warm-up it measures, over the window:
//   fps              animation frames per second (requestAnimationFrame callbacks)
//   frame p99/max    the gaps between frames
//   decode+state     time in decoding and applying frames (the page's own probe), share of wall time
//   render           time in the per-frame render (DOM writes, chart updates), share of wall time
//   main thread      Chromium's TaskDuration (everything the renderer's main thread ran), share
//   main thread CPU  Chromium's ThreadTime: the CPU the main thread used, share and per frame
//   layouts          layouts and style recalculations per second (LayoutCount, RecalcStyleCount)
// Then it opens the dashboard itself (the real server at <dashboard url>, no synthetic feed) `loads`
// times (default 3), each in a fresh context (empty cache and storage, a first visit), and prints
// when the first watchlist row showed a price (the page's `ticker:first-data` mark).
// Drives Debian's Chromium (/usr/bin/chromium or $CHROMIUM_PATH) with playwright-core.
import { chromium } from 'playwright-core';

const ALL = 'vwap_sma_ema_volume_bidask';
const FOUR_CHARTS = `4!1s~${ALL},5s~${ALL}~SYM001,1m~${ALL}~SYM002,5s~${ALL}~SYM003`;
const [url, spec = '50x200', secondsArg = '10', layoutArg = '-', loadsArg = '3'] = process.argv.slice(2);
// '-': the default layout (so that a later argument can be given)
const layout = layoutArg === '-' ? FOUR_CHARTS : layoutArg;
if (url === undefined) {
  console.error('usage: node browser-test/bench.mjs <dashboard url> [SYMBOLSxTICKS] [seconds]');
  process.exit(2);
}
const seconds = Number(secondsArg);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
const target = new URL(url);
target.searchParams.set('bench', spec);
target.searchParams.set('layout', layout);
await page.goto(target.toString());
await page.waitForFunction(() => window.tickerDashboard?.state().connection === 'live', undefined, { timeout: 30_000 });
// warm-up: two seconds' worth of ticks applied
const [symbols, perSymbol] = spec.split('x').map(Number);
await page.waitForFunction((n) => window.tickerDashboard.state().ticks >= n, 2 * symbols * perSymbol, { timeout: 60_000 });
const panes = await page.evaluate(() => window.tickerDashboard.layout());

const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

await page.evaluate(() => {
  const w = window;
  w.__frames = [];
  const loop = (t) => {
    w.__frames.push(t);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
});
const m0 = await metrics();
const s0 = await page.evaluate(() => ({ ...window.tickerDashboard.state(), t: performance.now() }));
await page.waitForTimeout(seconds * 1000); // the measurement window itself
const s1 = await page.evaluate(() => ({ ...window.tickerDashboard.state(), t: performance.now() }));
const m1 = await metrics();
const frames = await page.evaluate(() => window.__frames);
await page.close();

// first screen with data, from the real server, as a first visit
const firsts = [];
for (let i = 0; i < Number(loadsArg); i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const first = await context.newPage();
  await first.goto(url);
  await first.waitForFunction(() => performance.getEntriesByName('ticker:first-data').length > 0, undefined, { timeout: 30_000 });
  firsts.push(await first.evaluate(() => Math.round(performance.getEntriesByName('ticker:first-data')[0].startTime)));
  await context.close();
}
await browser.close();
firsts.sort((a, b) => a - b);

const wallMs = s1.t - s0.t;
const inWindow = frames.filter((t) => t >= s0.t && t <= s1.t);
const gaps = inWindow.slice(1).map((t, i) => t - inWindow[i]).sort((a, b) => a - b);
const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? NaN;
const share = (ms) => `${((100 * ms) / wallMs).toFixed(1)}%`;
const taskMs = (m1.TaskDuration - m0.TaskDuration) * 1000;
const scriptMs = (m1.ScriptDuration - m0.ScriptDuration) * 1000;
const layoutMs = (m1.LayoutDuration - m0.LayoutDuration + m1.RecalcStyleDuration - m0.RecalcStyleDuration) * 1000;
console.log(`bench ${spec} over ${(wallMs / 1000).toFixed(1)} s (Chromium ${browser.version()})`);
console.log(`  charts            ${panes.count}: ${panes.panes.map((p) => `${p.symbol} ${p.interval} [${p.toggles.join(' ')}]`).join(', ')}`);
console.log(`  ticks applied     ${Math.round(((s1.ticks - s0.ticks) * 1000) / wallMs).toLocaleString('en-US')} ticks/s`);
console.log(`  fps               ${((inWindow.length - 1) * 1000 / (inWindow[inWindow.length - 1] - inWindow[0])).toFixed(1)}`);
console.log(`  frame gap         p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${(gaps[gaps.length - 1] ?? NaN).toFixed(1)} ms; over 20 ms: ${gaps.filter((g) => g > 20).length}`);
console.log(`  decode+state      ${(s1.decodeApplyMs - s0.decodeApplyMs).toFixed(0)} ms = ${share(s1.decodeApplyMs - s0.decodeApplyMs)} of the main thread`);
console.log(`  render            ${(s1.renderMs - s0.renderMs).toFixed(0)} ms = ${share(s1.renderMs - s0.renderMs)} (${s1.frames - s0.frames} renders)`);
console.log(`  main thread busy  ${taskMs.toFixed(0)} ms = ${share(taskMs)} (script ${share(scriptMs)}, style+layout ${share(layoutMs)})`);
// the CPU the main thread used (ThreadTime): unlike the busy time, not inflated while a loaded
// machine keeps the thread waiting for a core
const cpuMs = (m1.ThreadTime - m0.ThreadTime) * 1000;
console.log(`  main thread CPU   ${cpuMs.toFixed(0)} ms = ${share(cpuMs)} of the wall time, ${(cpuMs / Math.max(1, inWindow.length - 1)).toFixed(2)} ms per frame`);
// how often the page made the browser lay out and restyle: counts, which a loaded machine does not change
const perSecond = (key) => (((m1[key] ?? 0) - (m0[key] ?? 0)) * 1000) / wallMs;
console.log(`  layouts           ${perSecond('LayoutCount').toFixed(1)}/s, style recalcs ${perSecond('RecalcStyleCount').toFixed(1)}/s, page renders ${(((s1.frames - s0.frames) * 1000) / wallMs).toFixed(1)}/s`);
console.log(`  first screen      ${firsts.length > 0 ? `median ${firsts[Math.floor(firsts.length / 2)]} ms, best ${firsts[0]} ms, worst ${firsts[firsts.length - 1]} ms after navigation start (${firsts.length} first visits to ${url})` : 'not measured'}`);
if (process.env.BENCH_METRICS === '1') {
  for (const key of Object.keys(m1)) {
    if (key.endsWith('Duration') || key.endsWith('Count')) console.log(`    ${key} ${(m1[key] - (m0[key] ?? 0)).toFixed(3)}`);
  }
}
if (errors.length > 0) {
  console.log(`  page errors: ${errors.join('; ')}`);
  process.exit(1);
}
