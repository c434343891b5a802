import { describe, expect, it, vi } from 'vitest';
import { ChartController, MAX_PAGES_PER_SCROLL } from '../src/app/chart-controller.js';
import { MarketModel } from '../src/model/market-model.js';
import type { BarStore } from '../src/model/bar-store.js';
import type { FetchLike } from '../src/protocol/http-api.js';
import { intervalByKey } from '../src/protocol/intervals.js';
import { instrument } from './support.js';

const MINUTE_MS = 60_000;
// 2023-11-14T22:00:00Z, a whole minute
const T0_MS = 1_699_999_200_000;
const atMs = (minute: number) => T0_MS + minute * MINUTE_MS;
const ns = (ms: number) => (BigInt(ms) * 1_000_000n).toString();

function barJson(minute: number, close: number) {
  const price = String(close * 100);
  return {
    instrumentId: 0, interval: 'BAR_INTERVAL_1M', startTimeNs: ns(atMs(minute)),
    open: price, high: price, low: price, close: price, volume: '10', tradeCount: '1', lastSequence: String(1000 + minute),
  };
}

/** An answer of /api/bars: the bars at these minutes, and where to page back from (undefined: nothing older). */
function page(minutes: number[], olderToMinute: number | undefined) {
  return {
    status: 200,
    body: {
      interval: 'BAR_INTERVAL_1M', lastSequence: '2000', bars: minutes.map((m) => barJson(m, 100 + m)),
      ...(olderToMinute === undefined ? {} : { olderToNs: ns(atMs(olderToMinute)) }),
    },
  };
}

type Answer = { status: number; body: unknown };

/**
 * A server that answers /api/bars from a table: by the request's `to` (epoch ms), or `first` for the
 * first load (no `to`); it records the `to` of every page asked for, in minutes.
 */
class BarsServer {
  readonly asked: number[] = [];
  readonly pages = new Map<number, Answer>();

  constructor(private readonly first: Answer) {}

  readonly fetch: FetchLike = (url) => {
    const to = new URL(url).searchParams.get('to');
    const answer = to === null ? this.first : this.pages.get((Number(to) - T0_MS) / MINUTE_MS);
    if (to !== null) this.asked.push((Number(to) - T0_MS) / MINUTE_MS);
    const { status, body } = answer ?? { status: 500, body: { error: `no page for to=${to ?? ''}` } };
    return Promise.resolve({
      ok: status === 200,
      status,
      statusText: status === 200 ? 'OK' : 'Error',
      json: () => Promise.resolve(body),
    });
  };
}

async function chartOf(server: BarsServer): Promise<{ chart: ChartController; store: BarStore }> {
  const model = new MarketModel({ now: () => 0, wallNow: () => 0 });
  model.addCatalogue([instrument({ id: 0, symbol: 'AAPL' })]);
  const chart = new ChartController(0, () => model, server.fetch, 'http://127.0.0.1/', () => undefined);
  const interval = intervalByKey('1m');
  if (interval === undefined) throw new Error('1m is an interval');
  chart.select('AAPL', interval);
  const store = chart.store;
  if (store === undefined) throw new Error('the chart has a store once a symbol is selected');
  await vi.waitFor(() => expect(store.state).toBe('ready'), { timeout: 10_000 });
  return { chart, store };
}

const minutes = (store: BarStore) => store.bars.map((bar) => (bar.time * 1000 - T0_MS) / MINUTE_MS);

describe('chart paging back', () => {
  it('shouldFollowPagesWithoutBarsThatAreNotTheLastOnOneScroll', async () => {
    const server = new BarsServer(page([100, 101], 100));
    server.pages.set(100, page([], 80)); // a night without trades
    server.pages.set(80, page([], 60));
    server.pages.set(60, page([50, 51], 50));
    const { chart, store } = await chartOf(server);

    await chart.loadOlder();

    expect(server.asked).toEqual([100, 80, 60]);
    expect(minutes(store)).toEqual([50, 51, 100, 101]);
    expect(store.exhausted).toBe(false);
    expect(store.olderToMs()).toBe(atMs(50));
  });

  it('shouldAskAtMostABoundedNumberOfPagesPerScrollAndGoOnAtTheNext', async () => {
    const server = new BarsServer(page([100], 100));
    for (let to = 100; to > 0; to--) server.pages.set(to, page([], to - 1));
    const { chart, store } = await chartOf(server);

    await chart.loadOlder();
    expect(server.asked).toEqual([100, 99, 98, 97, 96, 95, 94, 93]);
    expect(server.asked).toHaveLength(MAX_PAGES_PER_SCROLL);
    expect(store.exhausted).toBe(false);

    await chart.loadOlder();
    expect(server.asked.slice(MAX_PAGES_PER_SCROLL)).toEqual([92, 91, 90, 89, 88, 87, 86, 85]);
  });

  it('shouldBeExhaustedOnlyWhenThePageSaysNothingIsOlder', async () => {
    const server = new BarsServer(page([100], 100));
    server.pages.set(100, page([], 90));
    server.pages.set(90, page([], undefined));
    const { chart, store } = await chartOf(server);

    await chart.loadOlder();
    expect(server.asked).toEqual([100, 90]);
    expect(store.exhausted).toBe(true);

    await chart.loadOlder();
    expect(server.asked).toEqual([100, 90]);
  });

  it('shouldTryAgainOnTheNextScrollAfterA503', async () => {
    const server = new BarsServer(page([100], 100));
    server.pages.set(100, { status: 503, body: { error: 'to=1: 1 request(s) already read bars from the journal' } });
    const { chart, store } = await chartOf(server);

    await chart.loadOlder();
    expect(server.asked).toEqual([100]);
    expect(store.exhausted).toBe(false);
    expect(store.olderNote).toBe('');

    server.pages.set(100, page([99], 99));
    await chart.loadOlder();
    expect(server.asked).toEqual([100, 100]);
    expect(minutes(store)).toEqual([99, 100]);
  });

  it('shouldEndPagingWithTheServersReasonOnA400', async () => {
    const reason = 'to=1: the bars before 2023-11-14T23:40:00Z are read from the journal, and the 1d bar before it needs 84213 journal records';
    const server = new BarsServer(page([100], 100));
    server.pages.set(100, { status: 400, body: { error: reason } });
    const { chart, store } = await chartOf(server);

    await chart.loadOlder();
    expect(store.exhausted).toBe(true);
    expect(store.olderNote).toBe(reason);

    await chart.loadOlder();
    expect(server.asked).toEqual([100]);
  });
});
