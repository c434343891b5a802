import { describe, expect, it } from 'vitest';
import { AlertBook, describeAlert, parseAlerts } from '../src/model/alerts.js';

describe('alerts', () => {
  it('shouldFireWhenThePriceCrossesALevelUpwardOnce', () => {
    const book = new AlertBook();
    const rule = book.add('AAPL', 'above', 231);
    expect(book.onPrice('AAPL', 230.5, 230.99, undefined, 1)).toEqual([]);
    expect(book.onPrice('AAPL', 230.99, 231, undefined, 2)).toEqual([{ rule, price: 231, atMs: 2 }]);
    // fired once: gone from the active ones, kept among the fired
    expect(book.active).toEqual([]);
    expect(book.onPrice('AAPL', 230, 232, undefined, 3)).toEqual([]);
    expect(book.fired.map((f) => f.rule.id)).toEqual([rule.id]);
  });

  it('shouldFireBelowOnlyOnADownwardCrossingAndNotForAPriceAlreadyPastIt', () => {
    const book = new AlertBook();
    book.add('AAPL', 'below', 230);
    expect(book.onPrice('AAPL', 229, 228, undefined, 1)).toEqual([]); // already below: no crossing
    expect(book.onPrice('AAPL', 231, 229.5, undefined, 2)).toHaveLength(1);
  });

  it('shouldFireAPercentMoveEitherWayFromThePreviousClose', () => {
    const book = new AlertBook();
    book.add('MSFT', 'movePercent', 2);
    expect(book.onPrice('MSFT', 101, 101.99, 100, 1)).toEqual([]);
    expect(book.onPrice('MSFT', 99, 97.9, 100, 2)).toHaveLength(1); // down 2.1%
    book.add('MSFT', 'movePercent', 1);
    expect(book.onPrice('MSFT', 100.5, 101, undefined, 3)).toEqual([]); // no base: no move
  });

  it('shouldOnlyLookAtTheAlertsOfTheSymbolThatMoved', () => {
    const book = new AlertBook();
    book.add('AAPL', 'above', 10);
    expect(book.onPrice('MSFT', 9, 11, undefined, 1)).toEqual([]);
    expect(book.active).toHaveLength(1);
  });

  it('shouldBeStoredAndReadBackLeavingOutWhatItCannotRead', () => {
    const book = new AlertBook();
    book.add('AAPL', 'above', 231.5);
    book.add('MSFT', 'movePercent', 2);
    const again = new AlertBook(parseAlerts(JSON.stringify([...book.active, { id: 9, symbol: 'X', kind: 'sideways', level: 1 }, { id: -1, symbol: 'Y', kind: 'above', level: 3 }, 'junk'])));
    expect(again.active).toEqual(book.active);
    expect(again.add('NVDA', 'below', 1).id).toBe(3);
    expect(parseAlerts('{not json')).toEqual([]);
    expect(parseAlerts(null)).toEqual([]);
  });

  it('shouldSayWhatItWaitsFor', () => {
    expect(describeAlert({ id: 1, symbol: 'AAPL', kind: 'above', level: 231 })).toBe('AAPL above 231');
    expect(describeAlert({ id: 2, symbol: 'MSFT', kind: 'movePercent', level: 2 })).toBe('MSFT moves 2% from the previous close');
  });
});
