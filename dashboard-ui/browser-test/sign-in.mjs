// Browser test of the dashboard's sign-in against a server started with --auth token:
//   node browser-test/sign-in.mjs <dashboard url> <screenshot dir> <token> <subject> <entitled symbol> <not-entitled symbol> [<short-lived token> <fresh token>]
// With the last two (tokens of the same subject: one that expires within a minute, one that lives
// longer), it also checks that the page asks for a new token before the short one expires and
// hands it to the open connection (RefreshToken), which goes on past the old expiry.
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) with playwright-core. Every wait
// is a condition with a deadline. Exits 0 when every scenario passed, 1 otherwise.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshotDir, token, subject, entitled, notEntitled, shortToken, freshToken] = process.argv.slice(2);
if (notEntitled === undefined) {
  console.error('usage: node browser-test/sign-in.mjs <url> <screenshot dir> <token> <subject> <entitled symbol> <not-entitled symbol>');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.BROWSER_TEST_TIMEOUT_MS ?? 30_000);
mkdirSync(screenshotDir, { recursive: true });

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, timezoneId: 'UTC', colorScheme: 'dark' });
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT_MS);
const problems = [];
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: TIMEOUT_MS, polling: 50 });

const results = [];
async function scenario(name, body) {
  try {
    await body();
    results.push(`PASS ${name}`);
  } catch (error) {
    results.push(`FAIL ${name}: ${error.message.split('\n')[0]}`);
    await page.screenshot({ path: join(screenshotDir, `sign-in-failed-${results.length}.png`) }).catch(() => undefined);
  }
}

const pageUrl = new URL(url);
pageUrl.searchParams.set('hooks', '1');

await scenario('asks for a token when the server needs one', async () => {
  await page.goto(pageUrl.toString());
  // a watchlist remembered from before, with a symbol this token will not cover
  await page.evaluate(
    ([a, b]) => window.localStorage.setItem('ticker.dashboard.v1', JSON.stringify({ watchlist: [a, b] })),
    [entitled, notEntitled],
  );
  await waitFor(() => /needs an access token/.test(document.querySelector('#sign-in')?.textContent ?? ''));
  await page.screenshot({ path: join(screenshotDir, 'sign-in-asked.png') });
});

await scenario('refuses text that is not a token', async () => {
  await page.fill('#sign-in input[name=token]', 'not-a-token');
  await page.click('#sign-in button[type=submit]');
  await waitFor(() => /not an access token/.test(document.querySelector('#sign-in')?.textContent ?? ''));
});

await scenario('signs in, shows who, and streams the entitled symbol', async () => {
  await page.fill('#sign-in input[name=token]', token);
  await Promise.all([page.waitForEvent('load'), page.click('#sign-in button[type=submit]')]);
  await waitFor((who) => (document.querySelector('#sign-in .sign-in-user')?.textContent ?? '').startsWith(`${who} · until`), subject);
  await waitFor(
    (symbol) => window.tickerDashboard?.state().rows.some((row) => row.symbol === symbol && row.last !== null) === true,
    entitled,
  );
  const stored = await page.evaluate(() => window.sessionStorage.getItem('ticker.token'));
  if (stored === null) throw new Error('the token is not in sessionStorage');
  if (new URL(page.url()).search.includes(stored.slice(0, 20))) throw new Error('the token is in the URL');
});

await scenario('greys a symbol the token does not cover, with the reason', async () => {
  await waitFor((symbol) => {
    const row = document.querySelector(`#watchlist-table tr[data-symbol="${symbol}"]`);
    return row !== null && row.classList.contains('not-entitled') && /Not entitled/.test(row.title);
  }, notEntitled);
  await page.screenshot({ path: join(screenshotDir, 'signed-in.png') });
});

await scenario('signs out', async () => {
  await Promise.all([page.waitForEvent('load'), page.click('#sign-in .sign-out')]);
  await waitFor(() => /needs an access token/.test(document.querySelector('#sign-in')?.textContent ?? ''));
});

if (shortToken !== undefined && freshToken !== undefined) {
  await scenario('asks for a new token before a short-lived one expires and refreshes the open connection with it', async () => {
    const claims = (raw) => JSON.parse(Buffer.from(raw.split('.')[1], 'base64url').toString('utf8'));
    const expiresAtMs = claims(shortToken).exp * 1000;
    await page.fill('#sign-in input[name=token]', shortToken);
    await Promise.all([page.waitForEvent('load'), page.click('#sign-in button[type=submit]')]);
    await waitFor((who) => (document.querySelector('#sign-in .sign-in-user')?.textContent ?? '').startsWith(`${who} · until`), subject);
    await waitFor(
      (symbol) => window.tickerDashboard?.state().rows.some((row) => row.symbol === symbol && row.last !== null) === true,
      entitled,
    );
    const before = await page.evaluate(() => {
      window.signInTestSamePage = true; // gone if the page reloads
      return window.tickerDashboard.state().reconnects;
    });
    // asked before the expiry, while the connection still streams (the waits end with the token's life)
    const lifeLeft = { timeout: Math.max(0, expiresAtMs - Date.now()) + TIMEOUT_MS, polling: 100 };
    await page.waitForFunction(() => /session ends at .*paste a new token/.test(document.querySelector('#sign-in')?.textContent ?? ''), undefined, lifeLeft);
    if (Date.now() >= expiresAtMs) throw new Error('the page asked for a new token only after the old one expired');
    await page.screenshot({ path: join(screenshotDir, 'sign-in-renew-asked.png') });
    await page.fill('#sign-in input[name=token]', freshToken);
    await page.click('#sign-in button[type=submit]');
    const freshUntil = new Date(claims(freshToken).exp * 1000);
    await waitFor((who) => (document.querySelector('#sign-in .sign-in-user')?.textContent ?? '').startsWith(`${who} · until`), subject);
    const kept = await page.evaluate(() => ({ same: window.signInTestSamePage === true, stored: window.sessionStorage.getItem('ticker.token') }));
    if (!kept.same) throw new Error('the page reloaded to take the new token');
    if (kept.stored !== freshToken) throw new Error('sessionStorage does not hold the new token');
    // past the old token's expiry the same connection goes on streaming: no 4001, no reconnect
    await page.waitForFunction((at) => Date.now() > at + 2_000, expiresAtMs, lifeLeft);
    const covered = await page.evaluate(() => window.tickerDashboard.state().covered);
    await waitFor((c) => {
      const s = window.tickerDashboard.state();
      return s.connection === 'live' && s.covered !== null && BigInt(s.covered) > BigInt(c ?? '0');
    }, covered);
    const after = await page.evaluate(() => ({ reconnects: window.tickerDashboard.state().reconnects, text: document.querySelector('#sign-in')?.textContent ?? '' }));
    if (after.reconnects !== before) throw new Error(`the connection was closed past the old token's expiry (${after.reconnects - before} reconnect(s))`);
    if (/expired/.test(after.text)) throw new Error(`the page says: ${after.text}`);
    console.log(`  renewed before ${new Date(expiresAtMs).toISOString()}; streaming past it on the same connection, now until ${freshUntil.toISOString()}`);
    await page.screenshot({ path: join(screenshotDir, 'sign-in-renewed.png') });
  });
}

await browser.close();
for (const line of results) console.log(line);
for (const problem of problems) console.log(`problem: ${problem}`);
const failed = results.filter((line) => line.startsWith('FAIL')).length + problems.length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
