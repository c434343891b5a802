/**
 * The dashboard's keyboard: which key does what, decided from the key and where it was pressed
 * (no DOM here), so the bindings are one table that the help overlay lists and the tests check.
 */
import { INTERVALS, type IntervalKey } from '../protocol/intervals.js';

export type KeyCommand =
  | { readonly kind: 'focusSearch' }
  | { readonly kind: 'move'; readonly delta: -1 | 1 }
  | { readonly kind: 'chartCursor' }
  | { readonly kind: 'interval'; readonly key: IntervalKey }
  | { readonly kind: 'togglePause' }
  | { readonly kind: 'layout' }
  | { readonly kind: 'toggleHelp' }
  | { readonly kind: 'closeHelp' };

/** What the handler needs of a keyboard event. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  /** The focused element is a text field, a select or a button that takes keys itself. */
  readonly inField: boolean;
}

/** The bindings as the help overlay lists them. */
export const KEY_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/', 'Search: add a symbol to the watchlist'],
  ['↑ ↓', 'Move through the watchlist'],
  ['Enter', 'Chart the symbol under the cursor'],
  [`1–${INTERVALS.length}`, `Bar interval: ${INTERVALS.map((i) => i.key).join(', ')}`],
  ['L', 'Charts: one, two or four panes'],
  ['Space', 'Pause or play the replay'],
  ['?', 'Show or hide this list'],
  ['Esc', 'Close this list'],
];

/** The command of a key press, or undefined when the page leaves the key to the browser. */
export function commandFor(press: KeyPress): KeyCommand | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  if (press.key === 'Escape') return { kind: 'closeHelp' };
  // typing in a field is typing, not a command
  if (press.inField) return undefined;
  switch (press.key) {
    case '/':
      return { kind: 'focusSearch' };
    case 'ArrowUp':
      return { kind: 'move', delta: -1 };
    case 'ArrowDown':
      return { kind: 'move', delta: 1 };
    case 'Enter':
      return { kind: 'chartCursor' };
    case ' ':
      return { kind: 'togglePause' };
    case '?':
      return { kind: 'toggleHelp' };
    case 'l':
    case 'L':
      return { kind: 'layout' };
    default:
      break;
  }
  if (/^[1-9]$/.test(press.key)) {
    const interval = INTERVALS[Number(press.key) - 1];
    if (interval !== undefined) return { kind: 'interval', key: interval.key };
  }
  return undefined;
}

/** The symbol `delta` rows from `cursor` in `order` (the first row when there is no cursor), clamped. */
export function moveCursor(order: readonly string[], cursor: string | undefined, delta: -1 | 1): string | undefined {
  if (order.length === 0) return undefined;
  const at = cursor === undefined ? -1 : order.indexOf(cursor);
  if (at < 0) return delta > 0 ? order[0] : order[order.length - 1];
  return order[Math.min(order.length - 1, Math.max(0, at + delta))];
}
