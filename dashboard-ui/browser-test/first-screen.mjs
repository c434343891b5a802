// Measures how soon the dashboard shows data (a measurement, not a test):
//   node browser-test/first-screen.mjs <dashboard url> [loads]
// Opens the page `loads` times (default 5), each in a fresh browser context (empty cache and
// storage, as a first visit), and prints, in ms after navigation start: when the page's script
// had run (DOMContentLoaded) and when the first watchlist row showed a price (the page's
// `ticker:first-data` mark, set in the animation frame that drew it).
import { chromium } from 'playwright-core';

const [url, loadsArg = '5'] = process.argv.slice(2);
if (url === undefined) {
  console.error('usage: node browser-test/first-screen.mjs <dashboard url> [loads]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
});
const firsts = [];
for (let i = 0; i < Number(loadsArg); i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('ticker:first-data').length > 0, undefined, { timeout: 30_000 });
  const t = await page.evaluate(() => ({
    dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
    first: Math.round(performance.getEntriesByName('ticker:first-data')[0].startTime),
  }));
  console.log(`load ${i + 1}: script ran at ${t.dcl} ms, first data at ${t.first} ms`);
  firsts.push(t.first);
  await context.close();
}
await browser.close();
firsts.sort((a, b) => a - b);
console.log(`first screen with data: median ${firsts[Math.floor(firsts.length / 2)]} ms, best ${firsts[0]} ms, worst ${firsts[firsts.length - 1]} ms`);
