import { describe, expect, it } from 'vitest';
import { commandFor, moveCursor, type KeyPress } from '../src/app/key-bindings.js';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, inField: false, ...more });

describe('key bindings', () => {
  it('shouldMapTheKeysATraderUses', () => {
    expect(commandFor(press('/'))).toEqual({ kind: 'focusSearch' });
    expect(commandFor(press('ArrowDown'))).toEqual({ kind: 'move', delta: 1 });
    expect(commandFor(press('ArrowUp'))).toEqual({ kind: 'move', delta: -1 });
    expect(commandFor(press('Enter'))).toEqual({ kind: 'chartCursor' });
    expect(commandFor(press(' '))).toEqual({ kind: 'togglePause' });
    expect(commandFor(press('?'))).toEqual({ kind: 'toggleHelp' });
    expect(commandFor(press('l'))).toEqual({ kind: 'layout' });
    expect(commandFor(press('L'))).toEqual({ kind: 'layout' });
    expect(commandFor(press('Escape'))).toEqual({ kind: 'closeHelp' });
  });

  it('shouldPickTheIntervalsOneToSeven', () => {
    expect(commandFor(press('1'))).toEqual({ kind: 'interval', key: '1s' });
    expect(commandFor(press('3'))).toEqual({ kind: 'interval', key: '1m' });
    expect(commandFor(press('7'))).toEqual({ kind: 'interval', key: '1d' });
    expect(commandFor(press('8'))).toBeUndefined();
  });

  it('shouldLeaveKeysToFieldsAndToBrowserShortcuts', () => {
    expect(commandFor(press('/', { inField: true }))).toBeUndefined();
    expect(commandFor(press('1', { inField: true }))).toBeUndefined();
    expect(commandFor(press('Escape', { inField: true }))).toEqual({ kind: 'closeHelp' });
    expect(commandFor(press('1', { ctrlKey: true }))).toBeUndefined();
    expect(commandFor(press('r', {}))).toBeUndefined();
  });

  it('shouldMoveTheCursorWithinTheWatchlist', () => {
    const order = ['AAPL', 'MSFT', 'NVDA'];
    expect(moveCursor(order, undefined, 1)).toBe('AAPL');
    expect(moveCursor(order, undefined, -1)).toBe('NVDA');
    expect(moveCursor(order, 'AAPL', 1)).toBe('MSFT');
    expect(moveCursor(order, 'NVDA', 1)).toBe('NVDA');
    expect(moveCursor(order, 'AAPL', -1)).toBe('AAPL');
    expect(moveCursor(order, 'GONE', 1)).toBe('AAPL');
    expect(moveCursor([], 'AAPL', 1)).toBeUndefined();
  });
});
