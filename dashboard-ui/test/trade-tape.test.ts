import { describe, expect, it } from 'vitest';
import { Side } from '../src/gen/ticker/v1/market_pb.js';
import { TradeTape } from '../src/model/trade-tape.js';

describe('TradeTape', () => {
  it('shouldKeepTheNewestTradesUpToItsCapacityNewestFirst', () => {
    const tape = new TradeTape(3);
    for (let i = 1n; i <= 5n; i++) tape.push(i, i * 10n, 100n + i, 1n, Side.BUY);
    expect(tape.length).toBe(3);
    expect([0, 1, 2].map((i) => tape.at(i).sequence)).toEqual([5n, 4n, 3n]);
    expect(tape.total).toBe(5);
    expect(tape.newestSequence).toBe(5n);
  });

  it('shouldMarkABreakOnceAndRewriteItsNote', () => {
    const tape = new TradeTape(5);
    tape.markBreak('ignored on an empty tape');
    expect(tape.length).toBe(0);
    tape.push(1n, 1n, 1n, 1n, Side.SELL);
    tape.markBreak('gap');
    const epoch = tape.epoch;
    tape.markBreak('reconnected');
    expect(tape.length).toBe(2);
    expect(tape.at(0)).toMatchObject({ kind: 'break', note: 'reconnected' });
    expect(tape.epoch).toBe(epoch + 1);
    expect(tape.newestSequence).toBe(1n);
  });

  it('shouldStartEmptyAfterAClear', () => {
    const tape = new TradeTape(5);
    tape.push(1n, 1n, 1n, 1n, Side.SELL);
    tape.clear();
    expect(tape.length).toBe(0);
    expect(tape.newestSequence).toBe(0n);
  });
});
