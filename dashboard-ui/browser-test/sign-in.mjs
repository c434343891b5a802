// Browser test of the dashboard's sign-in against a server started with --auth token:
//   node browser-test/sign-in.mjs <dashboard url> <screenshot dir> <token> <subject> <entitled symbol> <not-entitled symbol>
// Drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM_PATH) with playwright-core. Every wait
// is a condition with a deadline. Exits 0 when every scenario passed, 1 otherwise.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url, screenshotDir, token, subject, entitled, notEntitled] = process.argv.slice(2);
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

await browser.close();
for (const line of results) console.log(line);
for (const problem of problems) console.log(`problem: ${problem}`);
const failed = results.filter((line) => line.startsWith('FAIL')).length + problems.length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
