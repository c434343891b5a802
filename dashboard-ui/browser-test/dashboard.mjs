// Browser test of the dashboard against a running server:
//   node browser-test/dashboard.mjs <dashboard url> <screenshot dir>
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) with playwright-core; never a
// downloaded browser. Every wait is a condition with a deadline. Exits 0 when every scenario
// passed, 1 otherwise; prints one line per scenario and the figures it measured.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshotDir] = process.argv.slice(2);
if (url === undefined || screenshotDir === undefined) {
  console.error('usage: node browser-test/dashboard.mjs <dashboard url> <screenshot dir>');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.BROWSER_TEST_TIMEOUT_MS ?? 30_000);
mkdirSync(screenshotDir, { recursive: true });

const pageUrl = new URL(url);
pageUrl.searchParams.set('hooks', '1');

const problems = [];
const results = [];
const browser = await chromium.launch({
  executablePath,
  headless: true,
  // root in a container has no user namespaces for the sandbox
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT_MS);
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() !== 'error') return;
  const location = message.location()?.url ?? '';
  // a server without /api/... answers 404, which the page handles; the browser still logs it
  if (/Failed to load resource/.test(message.text()) && /\/api\//.test(location)) return;
  problems.push(`console error: ${message.text()} (${location})`);
});

const state = () => page.evaluate(() => window.tickerDashboard.state());
const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: TIMEOUT_MS, polling: 50 });
const shot = async (name) => {
  const path = join(screenshotDir, name);
  await page.screenshot({ path });
  console.log(`  screenshot ${path}`);
};

async function scenario(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
    await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`).catch(() => undefined);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}


/**
 * The chart's bars against the server's history (/api/bars, read now): every completed bar on the
 * page (all but the newest) that the history also covers must be the server's bar exactly, same
 * OHLCV and same last sequence, and no bar of the history in that range may be missing or doubled
 * on the page. Returns what it compared.
 */
async function checkBarsAgainstServer(label) {
  const s = await state();
  const pageBars = await page.evaluate(() => window.tickerDashboard.bars());
  const server = await page.evaluate(async ({ symbol, interval }) => {
    const response = await fetch(`api/bars?symbol=${encodeURIComponent(symbol)}&interval=${interval}&limit=5000`);
    return { status: response.status, body: await response.json() };
  }, { symbol: s.chartSymbol, interval: s.interval });
  check(server.status === 200, `${label}: /api/bars answered ${server.status}`);
  const decimals = server.body.instrument.priceDecimals ?? 0;
  const divisor = Math.pow(10, decimals);
  const serverBars = (server.body.bars ?? []).map((b) => ({
    time: Number(BigInt(b.startTimeNs) / 1_000_000_000n),
    open: Number(b.open ?? 0) / divisor,
    high: Number(b.high ?? 0) / divisor,
    low: Number(b.low ?? 0) / divisor,
    close: Number(b.close ?? 0) / divisor,
    volume: Number(b.volume ?? 0),
    lastSequence: String(b.lastSequence ?? '0'),
  }));
  check(serverBars.length > 0, `${label}: the server has no ${s.interval} bars for ${s.chartSymbol}`);
  for (let i = 1; i < pageBars.length; i++) {
    check(pageBars[i].time > pageBars[i - 1].time, `${label}: bars out of order or doubled at ${pageBars[i].time}`);
  }
  const completed = pageBars.slice(0, -1);
  const oldestServer = serverBars[0].time;
  const newestCompleted = completed[completed.length - 1]?.time ?? Number.NEGATIVE_INFINITY;
  const byTime = new Map(serverBars.map((b) => [b.time, b]));
  const pageTimes = new Set(pageBars.map((b) => b.time));
  let compared = 0;
  for (const bar of completed) {
    if (bar.time < oldestServer) continue;
    const theirs = byTime.get(bar.time);
    check(theirs !== undefined, `${label}: the page has a bar at ${bar.time} that the server's history has not`);
    const same = ['open', 'high', 'low', 'close', 'volume'].every((k) => Math.abs(bar[k] - theirs[k]) < 1e-9) && bar.lastSequence === theirs.lastSequence;
    check(same, `${label}: bar ${bar.time} differs: page ${JSON.stringify(bar)} server ${JSON.stringify(theirs)}`);
    compared++;
  }
  const missing = serverBars.filter((b) => b.time >= oldestServer && b.time <= newestCompleted && !pageTimes.has(b.time));
  check(missing.length === 0, `${label}: the page lacks ${missing.length} bar(s) of the server's history, first at ${missing[0]?.time}`);
  const historySequence = BigInt(s.historySequence);
  const liveFormed = completed.filter((b) => BigInt(b.lastSequence) > historySequence).length;
  console.log(`  ${label}: ${compared} completed ${s.interval} bars of ${s.chartSymbol} equal the server's (history to #${s.historySequence}, ${liveFormed} completed live after it)`);
  return { compared, liveFormed };
}

async function selectInterval(key) {
  await page.locator(`button[data-interval="${key}"]`).click();
  await waitFor((k) => {
    const s = window.tickerDashboard.state();
    return s.interval === k && s.history !== 'loading';
  }, key);
  check(await page.locator(`button[data-interval="${key}"][aria-pressed="true"]`).count() === 1, `${key} is not marked`);
  const s = await state();
  check(s.history === 'ready', `${key}: history ${s.history}`);
  check(BigInt(s.historySequence) > 0n && s.historyBars > 0, `${key}: no history from /api/bars (${s.historyBars} bars to #${s.historySequence})`);
  return s;
}

await scenario('page loads and shows live prices', async () => {
  await page.goto(pageUrl.toString(), { waitUntil: 'domcontentloaded' });
  await waitFor(() => {
    const hooks = window.tickerDashboard;
    if (hooks === undefined) return false;
    const s = hooks.state();
    return s.connection === 'live' && s.rows.some((r) => r.last !== null);
  });
  await waitFor(() => [...document.querySelectorAll('#watchlist-table td.last')].some((td) => /\d/.test(td.textContent ?? '')));
  const firstData = await page.evaluate(() => {
    const mark = performance.getEntriesByName('ticker:first-data')[0];
    return mark === undefined ? null : Math.round(mark.startTime);
  });
  console.log(`  first screen with data: ${firstData} ms after navigation start`);
  const s = await state();
  console.log(`  catalogue from ${s.catalogue}; watchlist ${s.watchlist.join(' ')}; chart ${s.chartSymbol} ${s.interval} (history: ${s.history})`);
  check(await page.locator('#stale-banner').isHidden(), 'the stale banner shows while live');
  const layout = await page.evaluate(() => {
    const box = (selector) => document.querySelector(selector)?.getBoundingClientRect();
    return {
      overflowX: document.documentElement.scrollWidth > window.innerWidth,
      overflowY: document.documentElement.scrollHeight > window.innerHeight,
      panels: ['.watchlist', '#chart', '#tape', '#status'].map((s) => {
        const b = box(s);
        return b === undefined ? null : { s, w: b.width, h: b.height, right: b.right, bottom: b.bottom };
      }),
    };
  });
  check(!layout.overflowX && !layout.overflowY, `the page scrolls at 1366x768: ${JSON.stringify(layout)}`);
  for (const panel of layout.panels) {
    check(panel !== null && panel.w > 150 && panel.h > 20 && panel.right <= 1366 && panel.bottom <= 768, `panel out of view: ${JSON.stringify(panel)}`);
  }
  await shot('01-loaded-1366x768.png');
});

await scenario('watchlist prices update', async () => {
  const before = await page.$$eval('#watchlist-table td.last', (cells) => cells.map((c) => c.textContent));
  const updates = (await state()).priceUpdates;
  await waitFor((n) => window.tickerDashboard.state().priceUpdates >= n + 5, updates);
  await waitFor(
    (old) => [...document.querySelectorAll('#watchlist-table td.last')].some((td, i) => td.textContent !== old[i]),
    before,
  );
});

await scenario('trade tape fills', async () => {
  await waitFor(() => document.querySelectorAll('#tape tbody tr:not(.placeholder)').length >= 3);
  const s = await state();
  check(s.tape >= 3, `tape holds ${s.tape}`);
});

await scenario('selecting another symbol charts it and follows its trades', async () => {
  const s = await state();
  const other = s.watchlist.find((symbol) => symbol !== s.chartSymbol);
  check(other !== undefined, 'the watchlist has a second symbol');
  await page.locator(`#watchlist-table tr[data-symbol="${other}"] td.symbol`).click();
  await waitFor((symbol) => window.tickerDashboard.state().chartSymbol === symbol, other);
  await waitFor((symbol) => document.querySelector('.chart-symbol')?.textContent === symbol, other);
  await waitFor((symbol) => (document.querySelector('#tape h2')?.textContent ?? '').includes(symbol), other);
  await waitFor(() => window.tickerDashboard.state().tape >= 2);
  check(await page.locator(`#watchlist-table tr[data-symbol="${other}"].selected`).count() === 1, 'the charted row is marked');
});

await scenario('candles come from history and update live, equal to the server\'s bars across the seam', async () => {
  const s = await selectInterval('1s');
  await waitFor(() => /O \d/.test(document.querySelector('.chart-legend')?.textContent ?? ''));
  const newestHistory = (await page.evaluate(() => window.tickerDashboard.bars())).at(-1)?.time ?? 0;
  // three more seconds of live bars on top of the history
  await waitFor((t) => {
    const st = window.tickerDashboard.state();
    const bars = window.tickerDashboard.bars();
    return st.liveBars && bars.length > 0 && bars[bars.length - 1].time >= t + 3;
  }, newestHistory);
  const { compared, liveFormed } = await checkBarsAgainstServer('1s seam');
  check(compared >= 3 && liveFormed >= 2, `too little compared: ${compared} bars, ${liveFormed} formed live (history had ${s.historyBars})`);
  await shot('02-chart-1s.png');
});

await scenario('switching interval loads its history, daily bars included', async () => {
  for (const key of ['5s', '1m', '5m', '15m', '1h', '1d']) {
    const s = await selectInterval(key);
    await waitFor(() => window.tickerDashboard.state().bars >= 1);
    console.log(`  ${key}: ${s.historyBars} bars from history to #${s.historySequence}`);
  }
  await checkBarsAgainstServer('1d');
  await shot('03-chart-1d.png');
  await selectInterval('1m');
  const s = await state();
  check(s.connection === 'live', `connection ${s.connection} after switching intervals`);
});

await scenario('time zone toggle', async () => {
  await page.locator('button[data-zone="local"]').click();
  await waitFor(() => document.querySelector('button[data-zone="local"]')?.getAttribute('aria-pressed') === 'true');
  await page.locator('button[data-zone="exchange"]').click();
  await waitFor(() => document.querySelector('button[data-zone="exchange"]')?.getAttribute('aria-pressed') === 'true');
});

await scenario('watchlist remove, search and add, remembered after reload', async () => {
  const s = await state();
  const victim = s.watchlist.find((symbol) => symbol !== s.chartSymbol);
  const row = page.locator(`#watchlist-table tr[data-symbol="${victim}"]`);
  await row.hover();
  await row.locator('button.remove-symbol').click();
  await waitFor((symbol) => !window.tickerDashboard.state().watchlist.includes(symbol), victim);
  check(await row.count() === 0, `${victim} is still shown`);

  await page.locator('#search input').fill(victim.slice(0, 2));
  await waitFor((symbol) => [...document.querySelectorAll('.search-results li')].some((li) => li.dataset.symbol === symbol), victim);
  await page.locator('#search input').fill(victim);
  await page.keyboard.press('Enter');
  await waitFor((symbol) => window.tickerDashboard.state().watchlist.includes(symbol), victim);
  await waitFor((symbol) => {
    const cell = document.querySelector(`#watchlist-table tr[data-symbol="${symbol}"] td.last`);
    return cell !== null && /\d/.test(cell.textContent ?? '');
  }, victim);

  await row.hover();
  await row.locator('button.remove-symbol').click();
  await waitFor((symbol) => !window.tickerDashboard.state().watchlist.includes(symbol), victim);
  const kept = (await state()).watchlist;
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFor(() => {
    const s = window.tickerDashboard?.state();
    return s !== undefined && s.connection === 'live' && s.chartSymbol !== '';
  });
  const after = await state();
  check(JSON.stringify(after.watchlist) === JSON.stringify(kept), `after reload ${after.watchlist} instead of ${kept}`);
  check(after.interval === '1m', `interval after reload: ${after.interval}`);
  // back as it was
  await page.locator('#search input').fill(victim);
  await page.keyboard.press('Enter');
  await waitFor((symbol) => window.tickerDashboard.state().watchlist.includes(symbol), victim);
});

await scenario('connection cut and restored: resumed, with no gap and the same bars as the server', async () => {
  await selectInterval('1s');
  await waitFor(() => window.tickerDashboard.state().covered !== null && window.tickerDashboard.state().liveBars);
  const before = await state();
  await page.evaluate(() => window.tickerDashboard.dropConnection());
  // while cut, the page says so and greys its prices
  await waitFor(() => document.body.classList.contains('feed-stale') && !document.querySelector('#stale-banner').hidden);
  await waitFor(
    (b) => {
      const s = window.tickerDashboard.state();
      return s.reconnects > b.reconnects && s.connection === 'live' && s.start !== 'none' && BigInt(s.covered ?? '0') > BigInt(b.covered) && s.ticks > b.ticks;
    },
    before,
  );
  // data keeps flowing and stays contiguous
  const mid = await state();
  await waitFor((m) => BigInt(window.tickerDashboard.state().covered ?? '0') > BigInt(m.covered) + 50n, mid);
  const after = await state();
  console.log(`  reconnects ${after.reconnects}, stream ${after.start} (resumes ${after.resumes}, fresh-snapshot restarts ${after.restarts}), covered ${before.covered} -> ${after.covered}, tape merged away ${after.tapeMissed}`);
  check(after.start === 'resumed', `the stream was not resumed but ${after.start}: ${after.lastError ?? 'no error'}`);
  check(after.resumes === before.resumes + 1, `resumes ${before.resumes} -> ${after.resumes}`);
  check(after.restarts === before.restarts, 'a resumed stream also counted a restart from a fresh snapshot');
  check(after.gaps === 0, `${after.gaps} sequence gap(s)`);
  check(after.overlaps === before.overlaps, `${after.overlaps - before.overlaps} batch(es) went back over covered records`);
  const breaks = (await page.evaluate(() => window.tickerDashboard.tapeSequences())).filter((e) => /^break: (gap|reconnected)/.test(e));
  check(breaks.length === 0, `the tape has a break: ${breaks.join('; ')}`);
  check(await page.locator('#status .indicator.live').count() === 1, 'the status bar does not say live');
  check((await page.locator('#status').textContent()).includes(`Reconnects ${after.reconnects} (${after.resumes} resumed)`), 'the reconnect count is not shown');
  check(!(await page.locator('#status .restart-mark').isVisible()), 'RESYNC is shown after a resume');
  // the bars formed while the connection was cut are the server's, with nothing missing
  const newest = (await page.evaluate(() => window.tickerDashboard.bars())).at(-1)?.time ?? 0;
  await waitFor((t) => (window.tickerDashboard.bars().at(-1)?.time ?? 0) >= t + 2, newest);
  await checkBarsAgainstServer('1s across the cut');
  await selectInterval('1m');
  await shot('05-reconnected.png');
});

await scenario('layout at 1920x1080', async () => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await waitFor(() => document.querySelector('.chart-canvas canvas')?.getBoundingClientRect().width > 900);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight);
  check(!overflow, 'the page scrolls at 1920x1080');
  await shot('06-1920x1080.png');
});

await browser.close();
for (const problem of problems) console.log(`FAIL ${problem}`);
const failed = results.filter((r) => !r.ok).length + problems.length;
console.log(`${results.length - results.filter((r) => !r.ok).length} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
