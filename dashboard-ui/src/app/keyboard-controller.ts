/**
 * Turns key presses into the dashboard's commands (see key-bindings.ts): it owns the watchlist's
 * cursor and the help overlay's state, and calls back for everything else.
 */
import { commandFor, moveCursor, type KeyCommand } from './key-bindings.js';
import type { IntervalKey } from '../protocol/intervals.js';

export interface KeyboardActions {
  readonly focusSearch: () => void;
  /** The watchlist's symbols in the order shown. */
  readonly order: () => readonly string[];
  readonly chart: (symbol: string) => void;
  readonly interval: (key: IntervalKey) => void;
  /** One, two or four chart panes, in turn. */
  readonly layout: () => void;
  /** Pauses a playing replay, plays a paused one; false when no replay takes it. */
  readonly togglePause: () => boolean;
  readonly showHelp: (shown: boolean) => void;
  readonly helpShown: () => boolean;
  /** Something the page shows changed. */
  readonly onChange: () => void;
}

export class KeyboardController {
  /** The watchlist row the arrows are on ("" for none). */
  cursor = '';

  constructor(private readonly actions: KeyboardActions) {}

  /** Handles a key; true when it was a command (the browser's own action is then prevented). */
  onKey(event: KeyboardEvent): boolean {
    const target = event.target;
    const inField =
      target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target instanceof HTMLButtonElement;
    const command = commandFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inField });
    return command !== undefined && this.run(command);
  }

  private run(command: KeyCommand): boolean {
    const a = this.actions;
    switch (command.kind) {
      case 'focusSearch':
        a.focusSearch();
        return true;
      case 'move': {
        const next = moveCursor(a.order(), this.cursor === '' ? undefined : this.cursor, command.delta);
        if (next === undefined) return false;
        this.cursor = next;
        a.onChange();
        return true;
      }
      case 'chartCursor':
        if (this.cursor === '') return false;
        a.chart(this.cursor);
        return true;
      case 'interval':
        a.interval(command.key);
        return true;
      case 'togglePause':
        return a.togglePause();
      case 'layout':
        a.layout();
        return true;
      case 'toggleHelp':
        a.showHelp(!a.helpShown());
        return true;
      case 'closeHelp':
        if (!a.helpShown()) return false;
        a.showHelp(false);
        return true;
    }
  }
}
