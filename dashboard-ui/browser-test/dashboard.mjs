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
// UTC, so that the replay panel's "Local" times can be typed from the test
// a system that prefers dark: the dashboard follows it (the light theme has a scenario of its own)
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, timezoneId: 'UTC', colorScheme: 'dark' });
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

// Every GAP badge the page shows, and every gap break on its tape, whenever it happens (across
// reloads): the stream is clean in every scenario, so any of them fails the scenario it shows in.
// A MutationObserver sees the badge the moment it is drawn, even if a seek or a reload removes it.
const gapMarks = [];
await page.exposeBinding('reportGapMark', (_source, text) => {
  gapMarks.push(text);
});
await context.addInitScript(() => {
  const seen = new Set();
  const look = () => {
    const badge = document.querySelector('.gap-mark');
    if (badge !== null && !badge.hidden && !seen.has(`badge ${badge.textContent}`)) {
      seen.add(`badge ${badge.textContent}`);
      window.reportGapMark(`GAP badge "${badge.textContent}" (${badge.title})`);
    }
    for (const line of document.querySelectorAll('#tape .break')) {
      const text = line.textContent ?? '';
      if (/^gap:/.test(text) && !seen.has(`tape ${text}`)) {
        seen.add(`tape ${text}`);
        window.reportGapMark(`tape: ${text}`);
      }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden', 'class'], characterData: true });
});

const state = () => page.evaluate(() => window.tickerDashboard.state());
/** The status bar's parts, "Live | Reconnects 0 | Seq 123 | Lag 4 ms | ...". */
const statusText = () => page.evaluate(() => [...document.querySelectorAll('#status > :not([hidden])')].map((e) => e.textContent).join(' | '));
const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: TIMEOUT_MS, polling: 50 });
const shot = async (name) => {
  const path = join(screenshotDir, name);
  await page.screenshot({ path });
  console.log(`  screenshot ${path}`);
};

async function scenario(name, body) {
  const started = Date.now();
  const marksBefore = gapMarks.length;
  try {
    await body();
    const marks = gapMarks.slice(marksBefore);
    check(marks.length === 0, `the page showed a gap on a clean stream: ${marks.join('; ')}`);
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
 * Every watched symbol is shown whole, even with a status badge after it (the badge is set on
 * each row for the measure and put back at once). Returns the clipped symbols.
 */
async function clippedSymbols() {
  return page.evaluate(() => {
    const clipped = [];
    for (const tr of document.querySelectorAll('#watchlist-table tbody tr[data-symbol]')) {
      const before = tr.dataset.status;
      for (const status of ['', 'halted', 'closed']) {
        tr.dataset.status = status;
        const cell = tr.querySelector('td.symbol');
        if (cell.scrollWidth > cell.clientWidth) clipped.push(`${tr.dataset.symbol} (${status || 'trading'}: ${cell.scrollWidth} > ${cell.clientWidth} px)`);
      }
      tr.dataset.status = before ?? '';
    }
    return clipped;
  });
}

/** The quote beside the trade: the chart header always, the watchlist's columns on wide screens. */
async function checkQuotesShown(inWatchlist) {
  await waitFor(() => /Bid \d[\d.,]* × \S+\s+Ask \d[\d.,]* × \S+\s+Sprd \d/.test(document.querySelector('.chart-quote')?.textContent ?? ''));
  if (inWatchlist) {
    await waitFor(() => [...document.querySelectorAll('#watchlist-table td.bid')].some((td) => td.offsetWidth > 0 && /\d/.test(td.textContent ?? '')));
    const quotes = await page.evaluate(() =>
      [...document.querySelectorAll('#watchlist-table tbody tr[data-symbol]')].map((tr) => ({
        symbol: tr.dataset.symbol,
        bid: tr.querySelector('td.bid').textContent,
        ask: tr.querySelector('td.ask').textContent,
        clipped: [...tr.querySelectorAll('td.quote')].filter((td) => td.scrollWidth > td.clientWidth).map((td) => `${td.className}: "${td.textContent}" ${td.scrollWidth} > ${td.clientWidth} px`),
      })),
    );
    const crossed = quotes.filter((q) => /\d/.test(q.bid) && /\d/.test(q.ask) && Number(q.bid.replace(/,/g, '')) > Number(q.ask.replace(/,/g, '')));
    check(crossed.length === 0, `bid above ask: ${JSON.stringify(crossed)}`);
    check(quotes.every((q) => q.clipped.length === 0), `clipped quote cells: ${JSON.stringify(quotes.filter((q) => q.clipped.length > 0))}`);
  }
  console.log(`  quote: ${await page.locator('.chart-quote').textContent()}`);
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
  // the page holds the latest bars (500, more when scrolled back); compare where both have bars
  const oldestServer = Math.max(serverBars[0].time, pageBars[0]?.time ?? Number.POSITIVE_INFINITY);
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

/**
 * Every pane's header and readout shown whole: the title (symbol, last, change, quote), the tools
 * (the intervals with the one shown marked, indicators, pin) and the readout on the plot (time,
 * O/H/L/C/V and the value of each indicator line shown). None may be cut: each item's content
 * fits its box (scrollWidth <= clientWidth) and its box lies inside the pane (the readout inside
 * its own box, which stays clear of the price axis). Returns what is wrong, empty when all fits.
 */
function headerProblems() {
    const problems = [];
    for (const pane of document.querySelectorAll('.chart-pane')) {
      const name = `pane ${pane.dataset.pane}`;
      const box = pane.getBoundingClientRect();
      const legend = pane.querySelector('.chart-legend');
      const legendBox = legend.getBoundingClientRect();
      const items = pane.querySelectorAll('.chart-head, .chart-title, .chart-title > *, .chart-quote .part, .chart-tools, .chart-tools > *, .chart-tools button, .chart-legend, .chart-legend > *, .chart-legend .part');
      for (const item of items) {
        if (item.offsetWidth === 0 && item.offsetHeight === 0) continue; // not shown
        const label = `${name} ${item.className || item.tagName} "${(item.textContent ?? '').slice(0, 40)}"`;
        if (item.scrollWidth > item.clientWidth) problems.push(`${label}: ${item.scrollWidth} > ${item.clientWidth} px`);
        const r = item.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) problems.push(`${label}: ${Math.round(r.left)}..${Math.round(r.right)} outside the pane ${Math.round(box.left)}..${Math.round(box.right)}`);
        if (item.closest('.chart-legend') !== null && item !== legend && r.right > legendBox.right + 0.5) problems.push(`${label}: ends at ${Math.round(r.right)}, past the readout's ${Math.round(legendBox.right)}`);
      }
      const text = (selector) => pane.querySelector(selector)?.textContent ?? '';
      if (!/\S/.test(text('.chart-symbol'))) problems.push(`${name}: no symbol`);
      if (pane.querySelector('.intervals button.active') === null) problems.push(`${name}: no interval marked`);
      if (!/O \d.*H \d.*L \d.*C \d/.test(text('.chart-legend-bar'))) problems.push(`${name}: no O/H/L/C in "${text('.chart-legend-bar')}"`);
      if (!/Bid \d.*Ask \d/.test(text('.chart-quote'))) problems.push(`${name}: no bid/ask in "${text('.chart-quote')}"`);
      for (const key of ['vwap', 'sma', 'ema']) {
        const on = pane.querySelector(`button[data-indicator="${key}"]`)?.classList.contains('active');
        const part = pane.querySelector(`.chart-legend-lines .part.${key}`);
        // its value at the bar, or a dash before the moving average has its period's bars
        if (on && (part === null || part.hidden || !/ (\d|\u2014)/.test(part.textContent ?? ''))) problems.push(`${name}: ${key} is on but its value is not in the readout`);
      }
    }
    return problems;
}

/**
 * Waits (with the deadline: a resize reflows the panes over a few frames while prices stream)
 * until every header fits; fails with what is cut.
 */
async function checkHeadersFit(label) {
  const fits = await page
    .waitForFunction(`(${headerProblems.toString()})().length === 0`, undefined, { timeout: TIMEOUT_MS, polling: 100 })
    .then(() => true, () => false);
  const problems = fits ? [] : await page.evaluate(`(${headerProblems.toString()})()`);
  check(problems.length === 0, `${label}: chart headers cut: ${problems.join('; ')}`);
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
  await waitFor(() => /Lag \d/.test(document.querySelector('#status')?.textContent ?? ''));
  const liveStatus = await statusText();
  check(/^Live \|/.test(liveStatus) && !/Lag\s*[-−]/.test(liveStatus), `the status bar while live: ${liveStatus}`);
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
  const clipped = await clippedSymbols();
  check(clipped.length === 0, `symbols cut off at 1366x768: ${clipped.join(', ')}`);
  await checkQuotesShown(false);
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
  // back to the first symbol: its tape is there at once, with what came meanwhile marked as samples
  const tapeBefore = s.tape;
  await page.locator(`#watchlist-table tr[data-symbol="${s.chartSymbol}"] td.symbol`).click();
  await waitFor((symbol) => window.tickerDashboard.state().chartSymbol === symbol, s.chartSymbol);
  const back = await state();
  check(back.tape >= Math.min(tapeBefore, 150), `${s.chartSymbol}'s tape starts from ${back.tape} line(s) after switching back, it held ${tapeBefore}`);
  await page.locator(`#watchlist-table tr[data-symbol="${other}"] td.symbol`).click();
  await waitFor((symbol) => window.tickerDashboard.state().chartSymbol === symbol, other);
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

await scenario('indicators: SMA, EMA and session VWAP drawn, equal to values computed from /api/bars', async () => {
  const SMA = 20;
  const EMA = 50;
  await selectInterval('1s');
  for (const key of ['sma', 'ema', 'vwap']) {
    if ((await page.locator(`button[data-indicator="${key}"]`).getAttribute('aria-pressed')) !== 'true') {
      await page.locator(`button[data-indicator="${key}"]`).click();
    }
    await waitFor((k) => document.querySelector(`button[data-indicator="${k}"]`)?.getAttribute('aria-pressed') === 'true', key);
  }
  // enough completed bars for the longest average: the journal must span a minute of 1s bars,
  // which a young journal reaches within its deadline
  await page.waitForFunction(
    (n) => window.tickerDashboard.bars().length > n && (window.tickerDashboard.indicators().ema ?? []).length > 2,
    EMA + 2,
    { timeout: Math.max(TIMEOUT_MS, 90_000), polling: 100 },
  );
  await checkBarsAgainstServer('indicators');
  const s = await state();
  // The lines are recomputed when the page draws, after its bars change. Take bars and lines
  // together once every line has a point at the newest bar: then the bar before it, the newest
  // compared, was complete when the lines were computed (a point taken while it was the newest bar
  // would hold a close that trades after it changed).
  const [pageBars, drawn] = await (await page.waitForFunction(() => {
    const bars = window.tickerDashboard.bars();
    const lines = window.tickerDashboard.indicators();
    const newest = bars.at(-1)?.time;
    return ['sma', 'ema', 'vwap'].every((k) => (lines[k] ?? []).at(-1)?.time === newest) && [bars, lines];
  }, null, { timeout: TIMEOUT_MS, polling: 100 })).jsonValue();
  const server = await page.evaluate(async ({ symbol }) => (await fetch(`api/bars?symbol=${encodeURIComponent(symbol)}&interval=1s&limit=5000`)).json(), { symbol: s.chartSymbol });
  const divisor = Math.pow(10, server.instrument.priceDecimals ?? 0);
  const zone = server.instrument.timeZone || 'UTC';
  const oldest = pageBars[0].time;
  const newestCompleted = pageBars[pageBars.length - 2].time;
  // the server's bars over the page's span, computed here as a trader's platform would
  const bars = (server.bars ?? [])
    .map((b) => ({ time: Number(BigInt(b.startTimeNs) / 1_000_000_000n), high: Number(b.high ?? 0) / divisor, low: Number(b.low ?? 0) / divisor, close: Number(b.close ?? 0) / divisor, volume: Number(b.volume ?? 0) }))
    .filter((b) => b.time >= oldest && b.time <= newestCompleted);
  const expected = { sma: new Map(), ema: new Map(), vwap: new Map() };
  let sum = 0;
  let ema;
  const alpha = 2 / (EMA + 1);
  const dayOf = (t) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t * 1000);
  let day = '';
  let pv = 0;
  let v = 0;
  bars.forEach((b, i) => {
    sum += b.close - (i >= SMA ? bars[i - SMA].close : 0);
    if (i >= SMA - 1) expected.sma.set(b.time, sum / SMA);
    if (i === EMA - 1) ema = bars.slice(0, EMA).reduce((a, x) => a + x.close, 0) / EMA;
    else if (i >= EMA) ema = alpha * b.close + (1 - alpha) * ema;
    if (i >= EMA - 1) expected.ema.set(b.time, ema);
    if (dayOf(b.time) !== day) [day, pv, v] = [dayOf(b.time), 0, 0];
    pv += ((b.high + b.low + b.close) / 3) * b.volume;
    v += b.volume;
    if (v > 0) expected.vwap.set(b.time, pv / v);
  });
  for (const key of ['sma', 'ema', 'vwap']) {
    const points = (drawn[key] ?? []).filter((p) => p.time <= newestCompleted);
    let compared = 0;
    for (const point of points) {
      const want = expected[key].get(point.time);
      check(want !== undefined, `${key} at ${point.time}: drawn ${point.value}, but no value from the server's bars`);
      check(Math.abs(point.value - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${key} at ${point.time}: drawn ${point.value}, from /api/bars ${want}`);
      compared++;
    }
    check(compared >= 2, `${key}: only ${compared} point(s) compared`);
    console.log(`  ${key}: ${compared} points equal to the values from /api/bars (last ${points.at(-1).value.toFixed(4)})`);
  }
  await shot('04-indicators.png');
});

await scenario('keyboard: / searches, arrows and Enter chart, 1-7 pick the interval, ? lists the keys', async () => {
  await page.locator('body').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press('/');
  check(await page.evaluate(() => document.activeElement === document.querySelector('#search input')), '/ does not focus the search');
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  const s = await state();
  const order = await page.$$eval('#watchlist-table tbody tr[data-symbol]', (rows) => rows.map((r) => r.dataset.symbol));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await waitFor((symbol) => document.querySelector('#watchlist-table tr.cursor')?.dataset.symbol === symbol, order[1]);
  await page.keyboard.press('Enter');
  await waitFor((symbol) => window.tickerDashboard.state().chartSymbol === symbol, order[1]);
  await page.keyboard.press('5');
  await waitFor(() => window.tickerDashboard.state().interval === '15m');
  await page.keyboard.press('3');
  await waitFor(() => window.tickerDashboard.state().interval === '1m' && window.tickerDashboard.state().history !== 'loading');
  await page.keyboard.press('?');
  await waitFor(() => !document.querySelector('.key-help').hidden);
  const listed = await page.locator('.key-help').textContent();
  check(['/', 'Enter', 'Space', '?'].every((k) => listed.includes(k)), `the ? overlay lists: ${listed}`);
  await shot('10-keyboard-help.png');
  await page.keyboard.press('Escape');
  await waitFor(() => document.querySelector('.key-help').hidden);
  // L: two panes, four, one again
  for (const count of [2, 4, 1]) {
    await page.keyboard.press('l');
    await waitFor((n) => window.tickerDashboard.layout().count === n && document.querySelectorAll('.chart-pane').length === n, count);
  }
  // as it was
  await page.locator(`#watchlist-table tr[data-symbol="${s.chartSymbol}"] td.symbol`).click();
  await waitFor((symbol) => window.tickerDashboard.state().chartSymbol === symbol, s.chartSymbol);
});

await scenario('alerts: one fires when the price crosses it, and an alert waiting is kept across a reload', async () => {
  const add = async (kind, level, decimals) => {
    await page.locator('select.alert-kind').selectOption(kind);
    await page.locator('input.alert-level').fill(level.toFixed(decimals));
    // forced: while prices stream the panel around it is repainted every frame, and the wait for
    // a button that holds still can outlast the test on a loaded machine
    await page.locator('button.alert-add').click({ force: true });
  };
  const lastPrice = async () => {
    const text = (await page.locator('.chart-last').textContent()).replace(/,/g, '');
    check(/^\d+(\.\d+)?$/.test(text), `no last price in the chart header: ${text}`);
    const decimals = text.includes('.') ? text.split('.')[1].length : 0;
    return { last: Number(text), decimals, tick: Math.pow(10, -decimals) };
  };
  const { last, decimals } = await lastPrice();
  const far = Number((last * 3).toFixed(decimals));
  await add('above', far, decimals);
  // one tick either way of the price now: its next moves cross one of them (the market may jump
  // past both before they are made: then again, around the new price)
  let fired = false;
  for (let attempt = 0; attempt < 3 && !fired; attempt++) {
    const now = await lastPrice();
    await add('above', now.last + now.tick, now.decimals);
    await add('below', now.last - now.tick, now.decimals);
    fired = await page
      .waitForFunction(() => document.querySelectorAll('.alert-list li.alert-fired').length >= 1 && !document.querySelector('#alert-banner').hidden, null, { timeout: 15_000, polling: 50 })
      .then(() => true, () => false);
    console.log(`  alerts at ${now.last} ± ${now.tick}: ${fired ? 'fired' : 'not crossed within 15 s'}`);
  }
  check(fired, 'no alert fired in three tries');
  const banner = await page.locator('#alert-banner').textContent();
  check(/^ALERT \S+ (above|below) /.test(banner), `the fired alert's banner: ${banner}`);
  console.log(`  ${banner}`);
  await shot('11-alert-fired.png');
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitFor(() => window.tickerDashboard?.state().connection === 'live');
  // the panel is drawn at the page's first frames
  await waitFor((level) => [...document.querySelectorAll('.alert-list li.alert-active')].some((li) => li.textContent.includes(`above ${level}`)), far).catch(() => undefined);
  const kept = await page.$$eval('.alert-list li.alert-active', (items) => items.map((li) => li.textContent));
  check(kept.some((text) => text.includes(`above ${far}`)), `after a reload the alerts waiting are ${JSON.stringify(kept)}, not the one above ${far}`);
  // leave none waiting: removed from inside the page, one per poll, since a waiting alert may fire
  // (and its row be redrawn) between finding its button here and clicking it
  await waitFor(() => {
    document.querySelector('.alert-list li.alert-active button')?.click();
    return document.querySelectorAll('.alert-list li.alert-active').length === 0;
  });
  check((await page.locator('.alert-list li.alert-active').count()) === 0, 'alerts left after removing them');
});

await scenario('a link opens the same chart: symbol and interval in the address', async () => {
  const s = await state();
  await waitFor(([symbol, interval]) => {
    const params = new URLSearchParams(window.location.search);
    return params.get('symbol') === symbol && params.get('interval') === interval;
  }, [s.chartSymbol, s.interval]);
  const open = async (symbol, interval) => {
    const link = new URL(pageUrl);
    link.searchParams.set('symbol', symbol);
    link.searchParams.set('interval', interval);
    await page.goto(link.toString(), { waitUntil: 'domcontentloaded' });
    await waitFor(([sy, iv]) => {
      const st = window.tickerDashboard?.state();
      return st !== undefined && st.connection === 'live' && st.chartSymbol === sy && st.interval === iv && st.history !== 'loading';
    }, [symbol, interval]);
  };
  const other = s.watchlist.find((symbol) => symbol !== s.chartSymbol);
  await open(other, '5m');
  check(await page.locator('.chart-symbol').textContent() === other, `the link's symbol ${other} is not charted`);
  await open(s.chartSymbol, s.interval);
});

await scenario('time zone toggle', async () => {
  await page.locator('button[data-zone="local"]').click();
  await waitFor(() => document.querySelector('button[data-zone="local"]')?.getAttribute('aria-pressed') === 'true');
  await page.locator('button[data-zone="exchange"]').click();
  await waitFor(() => document.querySelector('button[data-zone="exchange"]')?.getAttribute('aria-pressed') === 'true');
});

/** The layout as the page holds it, each pane's symbol, interval, pin and toggles. */
const layoutState = () => page.evaluate(() => window.tickerDashboard.layout());
const paneKey = (pane) => `${pane.symbol} ${pane.interval} pinned:${pane.pinned} ${pane.toggles.join('+')}`;
/** Every pane shown charts its symbol with its history loaded. */
const panesReady = (count) =>
  waitFor((n) => {
    const layout = window.tickerDashboard?.layout();
    return layout !== undefined && layout.count === n && layout.panes.length === n && layout.panes.every((p) => p.symbol !== '' && p.history !== 'loading' && p.history !== 'none') && document.querySelectorAll('.chart-pane').length === n;
  }, count);

/**
 * Clicks the element from inside the page, once it is there: the chart heads reflow as prices
 * stream, so waiting for a button to hold still (or clicking where it was a moment ago) is not
 * reliable on a loaded machine; and the page draws what its state already holds (a row of a symbol
 * just added) at its next frame, so the element may not be there yet.
 */
const press = async (selector) => {
  const found = await page
    .waitForFunction(
      (sel) => {
        const element = document.querySelector(sel);
        if (!(element instanceof HTMLElement)) return false;
        element.click();
        return true;
      },
      selector,
      { timeout: TIMEOUT_MS, polling: 50 },
    )
    .then(
      () => true,
      () => false,
    );
  check(found, `nothing to click at ${selector} within ${TIMEOUT_MS} ms`);
};

await scenario('layout: four panes, each its own interval, one pinned, the bid/ask line drawn; the layout survives a reload and opens from the link', async () => {
  const s = await state();
  const other = s.watchlist.find((symbol) => symbol !== s.chartSymbol);
  await press('button[data-panes="4"]');
  await panesReady(4);
  const pane = (i, selector) => `.chart-pane[data-pane="${i}"] ${selector}`;
  await press(pane(1, 'button[data-interval="5s"]'));
  await press(pane(3, 'button[data-interval="15m"]'));
  await press(pane(2, 'button[data-indicator="sma"]'));
  // pane 2 keeps the selected symbol while the selection moves to another
  await press(pane(2, '.chart-pin'));
  await waitFor((symbol) => window.tickerDashboard.layout().panes[2].pinned === symbol, s.chartSymbol);
  await press(pane(3, 'button[data-indicator="bidask"]'));
  await press(`#watchlist-table tr[data-symbol="${other}"] td.symbol`);
  await waitFor(([symbol, pinned]) => {
    const panes = window.tickerDashboard.layout().panes;
    return panes.length === 4 && panes[0].symbol === symbol && panes[1].symbol === symbol && panes[3].symbol === symbol && panes[2].symbol === pinned;
  }, [other, s.chartSymbol]);
  await panesReady(4);
  const before = await layoutState();
  check(before.panes.map((p) => p.interval).join(' ') === `${s.interval} 5s 5m 15m`, `the panes' intervals: ${before.panes.map(paneKey).join('; ')}`);
  // the bid/ask line of pane 3 is drawn at the quote its header shows
  await waitFor(() => {
    const lines = window.tickerDashboard.layout().panes[3].quoteLines;
    return lines !== null && lines.bid !== null && lines.ask !== null;
  });
  const quote = await page.evaluate(() => ({
    lines: window.tickerDashboard.layout().panes[3].quoteLines,
    header: document.querySelector('.chart-pane[data-pane="3"] .chart-quote')?.textContent ?? '',
  }));
  const shown = /Bid ([\d,.]+) .* Ask ([\d,.]+)/.exec(quote.header);
  check(shown !== null, `pane 3's header shows no quote: ${quote.header}`);
  const [bid, ask] = [Number(shown[1].replace(/,/g, '')), Number(shown[2].replace(/,/g, ''))];
  check(quote.lines.bid === bid && quote.lines.ask === ask && bid <= ask, `bid/ask lines at ${quote.lines.bid}/${quote.lines.ask}, the header says ${bid}/${ask}`);
  check((await layoutState()).panes.filter((p) => p.quoteLines !== null).length === 1, 'a bid/ask line is drawn where it was not asked for');
  console.log(`  panes: ${before.panes.map(paneKey).join('; ')}; bid/ask ${bid}/${ask}`);
  await shot('13-layout-4-panes.png');
  // every header whole at the usual screen sizes: 1366x768 (the page's), 1280x720 and 1920x1080
  await checkHeadersFit('4 panes at 1366x768');
  await shot('13-layout-4-panes-headers-1366.png');
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await checkHeadersFit(`4 panes at ${width}x${height}`);
    await shot(`13-layout-4-panes-headers-${width}.png`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // the address holds the layout
  await waitFor(() => /^4!/.test(new URLSearchParams(window.location.search).get('layout') ?? ''));
  const link = page.url();
  // kept across a reload
  await page.reload({ waitUntil: 'domcontentloaded' });
  await panesReady(4);
  const reloaded = await layoutState();
  check(JSON.stringify(reloaded.panes.map(paneKey)) === JSON.stringify(before.panes.map(paneKey)), `after a reload the panes are ${reloaded.panes.map(paneKey).join('; ')}, not ${before.panes.map(paneKey).join('; ')}`);
  await shot('14-layout-after-reload.png');

  // and the link opens it in a browser that remembers nothing
  const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'UTC', colorScheme: 'dark' });
  try {
    const other = await fresh.newPage();
    other.on('pageerror', (error) => problems.push(`page error (link): ${error.message}`));
    await other.goto(link, { waitUntil: 'domcontentloaded' });
    await other.waitForFunction((n) => {
      const layout = window.tickerDashboard?.layout();
      return layout !== undefined && layout.panes.length === n && layout.panes.every((p) => p.symbol !== '');
    }, 4, { timeout: TIMEOUT_MS, polling: 100 });
    const opened = await other.evaluate(() => window.tickerDashboard.layout());
    check(JSON.stringify(opened.panes.map(paneKey)) === JSON.stringify(before.panes.map(paneKey)), `the link opened ${opened.panes.map(paneKey).join('; ')}`);
  } finally {
    await fresh.close();
  }

  // one pane again, on the symbol the scenario began with
  await press('button[data-panes="1"]');
  await press(`#watchlist-table tr[data-symbol="${s.chartSymbol}"] td.symbol`);
  await waitFor((symbol) => window.tickerDashboard.layout().count === 1 && window.tickerDashboard.state().chartSymbol === symbol && document.querySelectorAll('.chart-pane').length === 1, s.chartSymbol);
  await panesReady(1);
});

await scenario('watchlist remove, search and add, remembered after reload', async () => {
  const s = await state();
  const victim = s.watchlist.find((symbol) => symbol !== s.chartSymbol);
  const row = page.locator(`#watchlist-table tr[data-symbol="${victim}"]`);
  await row.hover();
  await row.locator('button.remove-symbol').click();
  await waitFor((symbol) => !window.tickerDashboard.state().watchlist.includes(symbol), victim);
  // rows are redrawn at most ten times a second: the row goes at the next redraw
  await row.waitFor({ state: 'detached' }).catch(() => {});
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

const replayState = () => page.evaluate(() => window.tickerDashboard.replay());
/** "2026-11-20 14:30:05" in UTC: the page's one date-time format (the context is in UTC). */
const utcField = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** The server's /api/journal, times in epoch ms (the first rounded up, the newest down, as the page does). */
async function journalRange() {
  const response = await fetch(new URL('api/journal', url));
  check(response.ok, `/api/journal answered HTTP ${response.status}`);
  const range = await response.json();
  return {
    firstMs: Number((BigInt(range.firstTimeNs) + 999_999n) / 1_000_000n),
    headMs: Number(BigInt(range.headTimeNs) / 1_000_000n),
    headSequence: BigInt(range.headSequence),
  };
}
/** Waits, with the test's deadline, until the journal holds at least `spanMs` of records. */
async function journalSpanning(spanMs) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const range = await journalRange();
    if (range.headMs - range.firstMs >= spanMs) return range;
    check(Date.now() < deadline, `the journal spans only ${range.headMs - range.firstMs} ms after ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

await scenario('replay at 60x: the whole screen follows it, pause, seek, back to live with no gap, the link reopens it', async () => {
  await page.locator('button[data-zone="local"]').click();
  const live = await state();
  const liveBefore = await replayState();
  // the journal began when the test did: a start a few seconds after its first record
  const journal = await journalSpanning(15_000);
  const firstSecondMs = Math.ceil(journal.firstMs / 1000) * 1000;
  const fromMs = firstSecondMs + 3_000;
  console.log(`  journal: #1.. #${journal.headSequence}, ${new Date(journal.firstMs).toISOString()} to ${new Date(journal.headMs).toISOString()}`);
  // the start field takes only the journal's seconds, and its default lies inside them: the
  // newest session's open, or the journal's first record when the session opened before it
  await page.locator('input.replay-from').focus();
  // (asked for again at each use: the field's end follows the journal's head)
  await waitFor(
    ([min, head]) => {
      const field = document.querySelector('input.replay-from');
      return field.dataset.min === min && field.dataset.max >= head;
    },
    [utcField(firstSecondMs), utcField(journal.headMs)],
  );
  const picker = await page.evaluate(() => {
    const field = document.querySelector('input.replay-from');
    return { value: field.value, max: field.dataset.max, fits: field.scrollWidth <= field.clientWidth };
  });
  check(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(picker.value), `the start field reads ${picker.value}, not the page's date-time format`);
  check(picker.fits, `the start field clips its text ${picker.value}`);
  check(picker.max >= utcField(journal.headMs), `the field ends at ${picker.max}, before the journal's newest record ${utcField(journal.headMs)}`);
  check(picker.value >= utcField(firstSecondMs) && picker.value < picker.max, `the field's default ${picker.value} is outside the journal or at its very end`);
  await page.locator('input.replay-from').fill(utcField(fromMs));
  await page.locator('select.replay-start-speed').selectOption('60');
  await page.locator('button.replay-start').click();
  await waitFor(() => window.tickerDashboard.replay().phase !== 'starting');
  let r = await replayState();
  check(r.phase !== 'live', `the server did not start the replay (${r.error})`);
  await waitFor(() => ['playing', 'paused', 'ended'].includes(window.tickerDashboard.replay().phase) && window.tickerDashboard.replay().ticks > 0);
  r = await replayState();
  console.log(`  replay from ${new Date(fromMs).toISOString()} at ${r.speed}x: segment from #${r.segmentFirstSequence}, clock ${new Date(r.clockMs).toISOString()}`);
  // the timeline spans the journal from its first record, not from the day's start
  const timeline = await page.evaluate(() => ({ min: Number(document.querySelector('input.replay-timeline').min), max: Number(document.querySelector('input.replay-timeline').max) }));
  check(timeline.min === journal.firstMs, `the timeline starts at ${new Date(timeline.min).toISOString()}, not at the journal's first record ${new Date(journal.firstMs).toISOString()}`);
  check(timeline.max >= journal.headMs && timeline.max > timeline.min, `the timeline ends at ${new Date(timeline.max).toISOString()}, before the replay's end`);
  check(r.speed === 60, `speed ${r.speed}`);
  check(BigInt(r.segmentFirstSequence) < BigInt(live.covered), `the replay starts at #${r.segmentFirstSequence}, not before the live #${live.covered}`);
  check(await page.locator('#replay-banner').isVisible(), 'no REPLAY banner');
  check((await page.locator('#replay-banner').textContent()).startsWith('REPLAY'), 'the banner does not say REPLAY');
  check(await page.evaluate(() => document.body.classList.contains('replaying')), 'the page is not marked as replaying');
  // recorded data is never labelled live, and has no lag
  await waitFor(() => document.querySelector('#status .indicator')?.classList.contains('replay'));
  const replayStatus = await statusText();
  check(!/\bLive\b/.test(replayStatus) && /^Replay /.test(replayStatus) && /Lag — \(replay\)/.test(replayStatus), `the status bar during a replay: ${replayStatus}`);
  // the clock runs at 60x: recorded seconds pass in a fraction of a second
  await waitFor((t) => window.tickerDashboard.replay().clockMs >= t + 2_000, fromMs);
  await waitFor(() => /[?&]replay=.*speed=60/.test(window.location.search));
  const s = await state();
  const headNow = (await journalRange()).headSequence;
  check(s.rows.some((row) => row.last !== null), 'the watchlist shows no replayed prices');
  // the replay runs up to the head as it was at the start (at 60x it may be there already): the
  // replay's own sequence check, contiguous from its first record and inside the journal
  check(
    s.gaps === 0 && s.covered !== null && BigInt(s.covered) >= BigInt(r.segmentFirstSequence) && BigInt(s.covered) <= headNow,
    `replay continuity: covered #${s.covered} from #${r.segmentFirstSequence} (journal head #${headNow}), ${s.gaps} gap(s)`,
  );
  // the tape shows the replayed trades as they passed, up to the replay's position
  const replayTape = await page.evaluate(() => window.tickerDashboard.tapeSequences().filter((line) => !line.startsWith('break')));
  const replayCovered = BigInt((await state()).covered ?? '0');
  check(replayTape.length > 0, 'the tape shows no replayed trade');
  check(
    replayTape.every((seq) => BigInt(seq) >= BigInt(r.segmentFirstSequence) && BigInt(seq) <= replayCovered),
    `the tape holds trades outside the replay (#${r.segmentFirstSequence} to #${replayCovered}): ${replayTape.slice(0, 5).join(', ')}...`,
  );
  console.log(`  tape: ${replayTape.length} replayed trade(s), newest #${replayTape[0]} (replay at #${replayCovered})`);
  await shot('07-replay-playing.png');

  // a few dozen recorded seconds last well under a second at 60x: slow down to 1x to look at it
  await page.locator('select.replay-speed').selectOption('1');
  await waitFor(() => window.tickerDashboard.replay().speed === 1);
  if ((await replayState()).phase === 'ended') {
    // the replay ran to its end: from its start again, at 1x
    const segments = (await replayState()).segments;
    await page.evaluate((t) => {
      const timeline = document.querySelector('input.replay-timeline');
      timeline.value = String(t);
      timeline.dispatchEvent(new Event('change'));
    }, fromMs);
    await waitFor((n) => window.tickerDashboard.replay().segments > n && window.tickerDashboard.replay().phase === 'playing', segments);
  }

  // playing at 1x across heartbeats: the stretches with nothing for the replay's symbols are
  // covered by the heartbeats, never a gap
  {
    const playing = await replayState();
    if (playing.phase === 'playing') {
      await waitFor((h) => window.tickerDashboard.replay().heartbeatAtMs !== h, playing.heartbeatAtMs);
      const next = (await replayState()).heartbeatAtMs;
      await waitFor((h) => window.tickerDashboard.replay().heartbeatAtMs !== h, next);
    }
    const played = await replayState();
    check(played.gaps === 0 && played.replayGaps === 0, `replay at 1x: ${played.gaps} gap(s) in the segment, ${played.replayGaps} in all segments`);
  }

  // pause with the Space key: the clock and the stream stop while heartbeats go on
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press(' ');
  await waitFor(() => window.tickerDashboard.replay().phase === 'paused');
  const paused = await replayState();
  // the first heartbeat after the pause covers the records up to where it stopped (those with
  // nothing for the replay's symbols); after it nothing moves
  await waitFor((h) => window.tickerDashboard.replay().heartbeatAtMs !== h, paused.heartbeatAtMs);
  const settled = await replayState();
  await waitFor((h) => window.tickerDashboard.replay().heartbeatAtMs !== h, settled.heartbeatAtMs);
  const hb = (await replayState()).heartbeatAtMs;
  await waitFor((h) => window.tickerDashboard.replay().heartbeatAtMs !== h, hb);
  const still = await replayState();
  check(
    still.clockMs === paused.clockMs && settled.clockMs === paused.clockMs && still.covered === settled.covered && still.gaps === 0,
    `paused, yet the replay moved: ${paused.clockMs}/${paused.covered} -> ${settled.clockMs}/${settled.covered} -> ${still.clockMs}/${still.covered} (${still.gaps} gap(s))`,
  );
  await waitFor(() => /paused=1/.test(window.location.search));

  // seek on the timeline, back to before the replay's start: a new segment, rebuilt from its
  // snapshot, contiguous from its first sequence
  const target = firstSecondMs + 1_000;
  await page.evaluate((t) => {
    const timeline = document.querySelector('input.replay-timeline');
    timeline.value = String(t);
    timeline.dispatchEvent(new Event('change'));
  }, target);
  await waitFor((n) => window.tickerDashboard.replay().segments > n && window.tickerDashboard.replay().phase !== 'starting', paused.segments);
  const sought = await replayState();
  console.log(`  sought to ${new Date(target).toISOString()}: segment from #${sought.segmentFirstSequence}, clock ${new Date(sought.clockMs).toISOString()}`);
  check(Math.abs(sought.clockMs - target) < 5_000, `the replay clock is at ${new Date(sought.clockMs).toISOString()} after seeking to ${new Date(target).toISOString()}`);
  check(sought.gaps === 0, `${sought.gaps} gap(s) in the sought segment`);
  if ((await replayState()).phase === 'paused') {
    await page.locator('button.replay-play').click(); // play on
    await waitFor(() => window.tickerDashboard.replay().phase === 'playing');
  }
  await shot('08-replay-sought.png');

  // back to live: the live stream continues where it stopped, nothing missed
  await page.locator('button.replay-back').click();
  await waitFor(() => window.tickerDashboard.replay().phase === 'live');
  await waitFor(() => document.querySelector('#replay-banner').hidden && !document.body.classList.contains('replaying'));
  await waitFor((c) => BigInt(window.tickerDashboard.state().covered ?? '0') > BigInt(c) + 50n, live.covered);
  // the address is rewritten when the page is back on live (a deadline, not a fixed wait)
  await waitFor(() => !/[?&]replay=/.test(window.location.search)).catch(() => undefined);
  const back = await replayState();
  check(back.replayGaps === 0, `${back.replayGaps} gap(s) in the replay's segments`);
  check(back.liveGaps === liveBefore.liveGaps && back.liveOverlaps === liveBefore.liveOverlaps, `back to live: ${back.liveGaps} gap(s), ${back.liveOverlaps} overlap(s)`);
  check(!/replay=/.test(back.search), `the link still holds a replay: ${back.search}`);
  check((await state()).connection === 'live', 'not live after the replay');

  // a link reopens the same moment, paused
  const link = new URL(pageUrl);
  link.searchParams.set('replay', new Date(target).toISOString().replace('.000Z', 'Z'));
  link.searchParams.set('speed', '60');
  link.searchParams.set('paused', '1');
  await page.goto(link.toString(), { waitUntil: 'domcontentloaded' });
  await waitFor(() => window.tickerDashboard?.replay().phase === 'paused' && window.tickerDashboard.replay().segments > 0);
  const reopened = await replayState();
  check(Math.abs(reopened.clockMs - target) < 5_000, `the link reopened ${new Date(reopened.clockMs).toISOString()}, not ${new Date(target).toISOString()}`);
  await shot('09-replay-from-link.png');
  await page.locator('button.replay-back').click();
  await waitFor(() => window.tickerDashboard.replay().phase === 'live' && window.tickerDashboard.state().connection === 'live');
  await page.locator('button[data-zone="exchange"]').click();
});

await scenario('a symbol pinned in a pane during a replay joins the replay at once, with no gap', async () => {
  const s = await state();
  const original = s.chartSymbol;
  // a symbol the replay will not carry: out of the watchlist before the replay starts
  const newcomer = s.watchlist.find((symbol) => symbol !== original);
  const row = page.locator(`#watchlist-table tr[data-symbol="${newcomer}"]`);
  await row.hover();
  await row.locator('button.remove-symbol').click();
  await waitFor((symbol) => !window.tickerDashboard.state().watchlist.includes(symbol), newcomer);
  await press('button[data-panes="2"]');
  await panesReady(2);
  const journal = await journalRange();
  const link = new URL(page.url());
  link.searchParams.set('replay', new Date(Math.ceil(journal.firstMs / 1000) * 1000 + 2_000).toISOString().replace('.000Z', 'Z'));
  link.searchParams.set('speed', '1');
  link.searchParams.delete('paused');
  await page.goto(link.toString(), { waitUntil: 'domcontentloaded' });
  await waitFor(() => window.tickerDashboard?.replay().phase === 'playing' && window.tickerDashboard.replay().segments > 0);
  const before = await replayState();
  check(!before.symbols.includes(newcomer), `the replay carries ${newcomer} from its start: ${before.symbols.join(', ')}`);

  // the user charts the newcomer in pane 1 and pins it there, the replay playing
  await page.locator('#search input').fill(newcomer);
  await page.keyboard.press('Enter');
  await waitFor((symbol) => window.tickerDashboard.state().watchlist.includes(symbol), newcomer);
  await press(`#watchlist-table tr[data-symbol="${newcomer}"] td.symbol`);
  await press('.chart-pane[data-pane="1"] .chart-pin');
  await waitFor((symbol) => window.tickerDashboard.layout().panes[1].pinned === symbol, newcomer);
  // it joins at once: the replay carries it without a seek or a new start from the user, and the
  // pinned pane charts its replayed bars
  await waitFor((symbol) => {
    const r = window.tickerDashboard.replay();
    return r.symbols.includes(symbol) && r.phase === 'playing';
  }, newcomer);
  await waitFor((symbol) => {
    const pane = window.tickerDashboard.layout().panes[1];
    const row = window.tickerDashboard.state().rows.find((r) => r.symbol === symbol);
    return pane.symbol === symbol && pane.bars > 0 && row !== undefined && row.last !== null;
  }, newcomer);
  const joined = await replayState();
  check(joined.phase === 'playing', `the replay is ${joined.phase} after the symbol joined`);
  check(joined.clockMs >= before.clockMs, `the replay went back from ${new Date(before.clockMs).toISOString()} to ${new Date(joined.clockMs).toISOString()}`);
  check(joined.gaps === 0 && joined.replayGaps === 0 && joined.error === null, `after the join: ${joined.gaps} gap(s), ${joined.replayGaps} in all segments, error ${joined.error}`);
  const tape = await page.evaluate(() => window.tickerDashboard.tapeSequences());
  check(!tape.some((line) => /replay moved/.test(line)), `the tape says the replay moved: ${tape.filter((line) => line.startsWith('break')).join('; ')}`);
  console.log(`  ${newcomer} joined the replay at ${new Date(joined.clockMs).toISOString()} (segment from #${joined.segmentFirstSequence}, was #${before.segmentFirstSequence})`);
  await shot('15-replay-pinned-symbol-joined.png');

  // back as it was: live, one pane linked to the first symbol
  await page.locator('button.replay-back').click();
  await waitFor(() => window.tickerDashboard.replay().phase === 'live' && window.tickerDashboard.state().connection === 'live');
  await press('.chart-pane[data-pane="1"] .chart-pin');
  await press('button[data-panes="1"]');
  await press(`#watchlist-table tr[data-symbol="${original}"] td.symbol`);
  await waitFor((symbol) => window.tickerDashboard.layout().count === 1 && window.tickerDashboard.state().chartSymbol === symbol, original);
  await panesReady(1);
});

await scenario('light theme: follows the system, and the button picks one', async () => {
  const background = () => page.evaluate(() => {
    const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
    return { theme: document.documentElement.dataset.theme, luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 };
  });
  check((await background()).theme === 'dark', 'a system that prefers dark does not get the dark theme');
  await page.emulateMedia({ colorScheme: 'light' });
  await waitFor(() => document.documentElement.dataset.theme === 'light');
  const light = await background();
  check(light.luminance > 0.8, `the light theme's background is dark (luminance ${light.luminance})`);
  await shot('12-light-theme.png');
  // system -> light -> dark: the user's pick wins over the system's
  await page.locator('#theme-toggle').click();
  await page.locator('#theme-toggle').click();
  await waitFor(() => document.documentElement.dataset.theme === 'dark');
  check((await background()).luminance < 0.2, 'the dark theme picked by the user is not dark');
  await page.locator('#theme-toggle').click(); // back to the system's
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitFor(() => document.documentElement.dataset.theme === 'dark' && /system/.test(document.querySelector('#theme-toggle').textContent));
});

await scenario('layout at 1920x1080', async () => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await waitFor(() => document.querySelector('.chart-canvas canvas')?.getBoundingClientRect().width > 900);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth || document.documentElement.scrollHeight > window.innerHeight);
  check(!overflow, 'the page scrolls at 1920x1080');
  const clipped = await clippedSymbols();
  check(clipped.length === 0, `symbols cut off at 1920x1080: ${clipped.join(', ')}`);
  await checkQuotesShown(true);
  await shot('06-1920x1080.png');
});

await browser.close();
for (const problem of problems) console.log(`FAIL ${problem}`);
const failed = results.filter((r) => !r.ok).length + problems.length;
console.log(`${results.length - results.filter((r) => !r.ok).length} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
