/**
 * The chart area: the layout buttons (one, two or four panes) over a grid of chart panes, each a
 * ChartView of its own. A pane's chart exists only while the pane is shown: fewer panes free their
 * charts, more panes make new ones (their settings live in the layout, not here).
 */
import type { BarStore } from '../model/bar-store.js';
import type { IndicatorPoint } from '../model/indicators.js';
import { PANE_COUNTS, type PaneCount, type PaneToggle } from '../model/layout.js';
import type { InstrumentRow } from '../model/market-model.js';
import type { ZoneMode } from '../model/screen-choices.js';
import type { IntervalKey } from '../protocol/intervals.js';
import { ChartView } from './chart-view.js';
import type { DrawnQuote } from './quote-lines.js';
import type { Theme } from './theme.js';
import { setAttr, setTitle } from './dom-writes.js';

export interface ChartPanesCallbacks {
  readonly onCount: (count: PaneCount) => void;
  readonly onInterval: (pane: number, key: IntervalKey) => void;
  readonly onZone: (zone: ZoneMode) => void;
  readonly onNeedOlder: (pane: number) => void;
  readonly onToggle: (pane: number, key: PaneToggle) => void;
  readonly onPin: (pane: number) => void;
  readonly onFocus: (pane: number) => void;
}

/** What one pane draws. */
export interface PaneFrame {
  readonly store: BarStore | undefined;
  readonly row: InstrumentRow | undefined;
  readonly interval: IntervalKey;
  readonly toggles: ReadonlySet<PaneToggle>;
  readonly pinned: boolean;
}

export class ChartPanesView {
  private readonly grid: HTMLElement;
  private readonly countButtons = new Map<PaneCount, HTMLButtonElement>();
  private readonly panes: Array<{ readonly element: HTMLElement; readonly view: ChartView }> = [];
  private theme: Theme = 'dark';
  private count = 0;
  private active = -1;

  constructor(
    container: HTMLElement,
    private readonly callbacks: ChartPanesCallbacks,
  ) {
    container.replaceChildren();
    const bar = document.createElement('div');
    bar.className = 'layout-bar';
    const label = document.createElement('span');
    label.className = 'layout-label';
    label.textContent = 'Charts';
    const counts = document.createElement('div');
    counts.className = 'segmented layout-counts';
    counts.setAttribute('role', 'group');
    counts.setAttribute('aria-label', 'Chart panes');
    for (const count of PANE_COUNTS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset['panes'] = String(count);
      button.textContent = String(count);
      setTitle(button, count === 1 ? 'One chart' : `${count} charts`);
      button.addEventListener('click', () => callbacks.onCount(count));
      this.countButtons.set(count, button);
      counts.appendChild(button);
    }
    bar.append(label, counts);
    this.grid = document.createElement('div');
    this.grid.className = 'chart-panes';
    container.append(bar, this.grid);
  }

  /** Draws `frames` (one per pane shown); `active` is outlined when there are several. */
  render(frames: readonly PaneFrame[], active: number, zone: ZoneMode): void {
    this.resize(frames.length);
    if (active !== this.active) {
      this.active = active;
      this.panes.forEach((pane, i) => pane.element.classList.toggle('active', i === active));
    }
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i];
      const pane = this.panes[i];
      if (frame === undefined || pane === undefined) continue;
      pane.view.render(frame.store, frame.row, frame.interval, zone, frame.toggles, frame.pinned);
    }
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    for (const pane of this.panes) pane.view.setTheme(theme);
  }

  /** Pane `pane`'s indicator lines as drawn (browser tests). */
  indicatorData(pane: number): Record<string, IndicatorPoint[]> {
    return this.panes[pane]?.view.indicatorData() ?? {};
  }

  /** Pane `pane`'s bid/ask lines as drawn (browser tests). */
  quoteLineData(pane: number): DrawnQuote | undefined {
    return this.panes[pane]?.view.quoteLineData();
  }

  private resize(count: number): void {
    if (count === this.count) return;
    this.count = count;
    while (this.panes.length > count) this.panes.pop()?.view.destroy();
    for (const element of [...this.grid.children]) {
      if (!this.panes.some((pane) => pane.element === element)) element.remove();
    }
    while (this.panes.length < count) {
      const index = this.panes.length;
      const element = document.createElement('section');
      element.className = 'chart-pane';
      element.dataset['pane'] = String(index);
      this.grid.appendChild(element);
      const c = this.callbacks;
      const view = new ChartView(element, {
        onInterval: (key) => c.onInterval(index, key),
        onZone: (zone) => c.onZone(zone),
        onNeedOlder: () => c.onNeedOlder(index),
        onToggle: (key) => c.onToggle(index, key),
        onPin: () => c.onPin(index),
        onFocus: () => c.onFocus(index),
      });
      view.setTheme(this.theme);
      this.panes.push({ element, view });
    }
    this.grid.dataset['count'] = String(count);
    this.active = -1;
    for (const [key, button] of this.countButtons) {
      button.classList.toggle('active', key === count);
      setAttr(button, 'aria-pressed', String(key === count));
    }
  }
}
