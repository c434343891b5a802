import { describe, expect, it } from 'vitest';
import { barsUrl, fetchBars, fetchInstruments, type FetchLike } from '../src/protocol/http-api.js';
import { BarInterval } from '../src/gen/ticker/v1/market_pb.js';

function answer(status: number, body: unknown): FetchLike {
  return async () => ({ ok: status >= 200 && status < 300, status, statusText: status === 404 ? 'Not Found' : 'OK', json: async () => body });
}

const BASE = 'http://127.0.0.1:8080/';

describe('HTTP API', () => {
  it('shouldReadBarHistoryInTheProto3JsonMappingWithInt64AsStrings', async () => {
    const result = await fetchBars(answer(200, {
      instrument: { id: 1, symbol: 'ACME', priceDecimals: 4, priceIncrement: '100' },
      interval: 'BAR_INTERVAL_1M',
      lastSequence: '9007199254740993',
      bars: [{ instrumentId: 1, interval: 'BAR_INTERVAL_1M', startTimeNs: '1700000000000000000', open: '1234500', high: '1240000', low: '1230000', close: '1235000', volume: '700', tradeCount: '3', lastSequence: '9007199254740990' }],
      futureField: true,
    }), BASE, { symbol: 'ACME', interval: '1m' });

    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.value.lastSequence).toBe(9_007_199_254_740_993n); // beyond a double's exact range
    expect(result.value.interval).toBe(BarInterval.BAR_INTERVAL_1M);
    expect(result.value.bars[0]).toMatchObject({ startTimeNs: 1_700_000_000_000_000_000n, open: 1_234_500n, volume: 700n, lastSequence: 9_007_199_254_740_990n });
  });

  it('shouldSayUnavailableForAServerWithoutTheEndpoint', async () => {
    expect(await fetchInstruments(answer(404, null), BASE)).toEqual({ kind: 'unavailable', status: 404 });
    expect(await fetchBars(answer(404, null), BASE, { symbol: 'A', interval: '1s' })).toEqual({ kind: 'unavailable', status: 404 });
  });

  it('shouldReportWhatWentWrongInsteadOfThrowing', async () => {
    const failed = await fetchInstruments(answer(500, null), BASE);
    expect(failed).toEqual({ kind: 'error', reason: 'http://127.0.0.1:8080/api/instruments: HTTP 500 OK' });
    const malformed = await fetchInstruments(answer(200, { instruments: [{ id: 'not a number' }] }), BASE);
    expect(malformed.kind).toBe('error');
    const offline = await fetchInstruments(async () => {
      throw new TypeError('Failed to fetch');
    }, BASE);
    expect(offline).toEqual({ kind: 'error', reason: 'http://127.0.0.1:8080/api/instruments: Failed to fetch' });
  });

  it('shouldTellWhatTheServerSaidWhenItRefusesABarsRequest', async () => {
    const refused = await fetchBars(answer(400, { error: 'to=1: the 1d bar before it needs 84213 journal records' }), BASE, { symbol: 'A', interval: '1d', toMs: 1 });
    expect(refused).toMatchObject({ kind: 'refused', status: 400, message: 'to=1: the 1d bar before it needs 84213 journal records' });
    const busy = await fetchBars(answer(503, { error: 'try again shortly' }), BASE, { symbol: 'A', interval: '1d', toMs: 1 });
    expect(busy).toMatchObject({ kind: 'refused', status: 503, message: 'try again shortly' });
    expect((await fetchBars(answer(500, null), BASE, { symbol: 'A', interval: '1d' })).kind).toBe('error');
  });

  it('shouldReadTheInstrumentList', async () => {
    const result = await fetchInstruments(answer(200, { instruments: [{ id: 2, symbol: 'MSFT', name: 'Microsoft', referencePrice: '4153000' }] }), BASE);
    expect(result.kind === 'ok' ? result.value.map((i) => [i.symbol, i.referencePrice]) : result).toEqual([['MSFT', 4_153_000n]]);
  });

  it('shouldBuildTheBarsQuery', () => {
    expect(barsUrl('http://h:1/app/', { symbol: 'BRK.B', interval: '15m', toMs: 1_700_000_000_000.7, limit: 100 })).toBe(
      'http://h:1/app/api/bars?symbol=BRK.B&interval=15m&limit=100&to=1700000000000',
    );
  });
});
