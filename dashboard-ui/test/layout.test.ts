import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LAYOUT,
  formatLayoutParam,
  layoutFromJson,
  nextCount,
  paneSymbol,
  parseLayoutParam,
  shownPanes,
  withActive,
  withCount,
  withInterval,
  withPinToggled,
  withToggle,
} from '../src/model/layout.js';

describe('layout', () => {
  it('shouldShowOneTwoOrFourPanesAndKeepTheHiddenOnesSettings', () => {
    const four = withInterval(withCount(DEFAULT_LAYOUT, 4), 3, '1d');
    expect(shownPanes(four)).toHaveLength(4);
    const one = withCount(four, 1);
    expect(shownPanes(one)).toHaveLength(1);
    expect(withCount(one, 4).panes[3]?.interval).toBe('1d');
  });

  it('shouldCycleThePaneCountsOneTwoFour', () => {
    expect(nextCount(1)).toBe(2);
    expect(nextCount(2)).toBe(4);
    expect(nextCount(4)).toBe(1);
  });

  it('shouldKeepTheActivePaneAmongThoseShown', () => {
    const four = withActive(withCount(DEFAULT_LAYOUT, 4), 3);
    expect(four.active).toBe(3);
    expect(withCount(four, 2).active).toBe(1);
    expect(withActive(withCount(four, 2), 3).active).toBe(1);
  });

  it('shouldChartTheSelectionInLinkedPanesAndItsOwnSymbolInPinnedOnes', () => {
    const layout = withPinToggled(withCount(DEFAULT_LAYOUT, 2), 1, 'MSFT');
    expect(layout.panes.map((pane) => paneSymbol(pane, 'AAPL'))).toEqual(['AAPL', 'MSFT', 'AAPL', 'AAPL']);
    expect(paneSymbol(withPinToggled(layout, 1, 'AAPL').panes[1]!, 'NVDA')).toBe('NVDA');
  });

  it('shouldToggleAPanesIndicatorsAndBidAskLineInOneOrder', () => {
    const layout = withToggle(withToggle(DEFAULT_LAYOUT, 0, 'bidask'), 0, 'sma');
    expect(layout.panes[0]?.toggles).toEqual(['vwap', 'sma', 'volume', 'bidask']);
    expect(withToggle(layout, 0, 'vwap').panes[0]?.toggles).toEqual(['sma', 'volume', 'bidask']);
    expect(layout.panes[1]).toBe(DEFAULT_LAYOUT.panes[1]);
  });

  it('shouldWriteAndReadTheLayoutInTheAddress', () => {
    const layout = withToggle(withPinToggled(withInterval(withCount(DEFAULT_LAYOUT, 4), 2, '15m'), 1, 'BRK.B'), 3, 'bidask');
    const text = formatLayoutParam(layout);
    expect(text).toBe('4!1m~vwap_volume,5s~vwap_volume~BRK.B,15m~vwap_volume,1h~vwap_volume_bidask');
    expect(parseLayoutParam(text, DEFAULT_LAYOUT)).toEqual(layout);
    expect(parseLayoutParam(new URLSearchParams(`layout=${encodeURIComponent(text)}`).get('layout') ?? '', DEFAULT_LAYOUT)).toEqual(layout);
  });

  it('shouldRefuseALayoutParameterThatIsNotOne', () => {
    expect(parseLayoutParam('3!1m~', DEFAULT_LAYOUT)).toBeUndefined();
    expect(parseLayoutParam('2!1m~', DEFAULT_LAYOUT)).toBeUndefined();
    expect(parseLayoutParam('1!2m~', DEFAULT_LAYOUT)).toBeUndefined();
    expect(parseLayoutParam('1!1m~bollinger', DEFAULT_LAYOUT)).toBeUndefined();
    expect(parseLayoutParam('1!1m~~<script>', DEFAULT_LAYOUT)).toBeUndefined();
  });

  it('shouldReadAStoredLayoutAndReplaceWhatIsInvalidWithDefaults', () => {
    const layout = withPinToggled(withCount(DEFAULT_LAYOUT, 4), 2, 'NVDA');
    expect(layoutFromJson(JSON.parse(JSON.stringify(layout)))).toEqual(layout);
    expect(layoutFromJson('nonsense')).toEqual(DEFAULT_LAYOUT);
    const read = layoutFromJson({ count: 3, active: 9, panes: [{ interval: '2m', toggles: ['sma', 'x'], pinned: 7 }] });
    expect(read.count).toBe(1);
    expect(read.active).toBe(0);
    expect(read.panes[0]).toEqual({ pinned: undefined, interval: '1m', toggles: ['sma'] });
  });
});
