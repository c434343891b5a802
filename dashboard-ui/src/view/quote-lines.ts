/**
 * The bid/ask line of a chart: the best bid and offer the feed carries, drawn as two price lines
 * across the candles (with their labels on the price axis), moved as the quote changes, gone while
 * the pane does not show them.
 */
import { LineStyle, type IPriceLine, type ISeriesApi } from 'lightweight-charts';
import type { InstrumentRow } from '../model/market-model.js';

const BID_COLOR = '#2ebd85';
const ASK_COLOR = '#f6465d';

/** The bid and ask as the chart draws them (prices in the chart's units). */
export interface DrawnQuote {
  readonly bid: number | undefined;
  readonly ask: number | undefined;
}

export class QuoteLines {
  private bid: IPriceLine | undefined;
  private ask: IPriceLine | undefined;
  private drawn: DrawnQuote | undefined;

  constructor(private readonly series: ISeriesApi<'Candlestick'>) {}

  /** Draws `row`'s quote when `shown` (no row: nothing). */
  render(row: InstrumentRow | undefined, shown: boolean): void {
    const divisor = Math.pow(10, row?.instrument?.priceDecimals ?? 0);
    const bid = shown && row?.bidPrice !== undefined && row.bidPrice > 0n ? Number(row.bidPrice) / divisor : undefined;
    const ask = shown && row?.askPrice !== undefined && row.askPrice > 0n ? Number(row.askPrice) / divisor : undefined;
    this.bid = this.line(this.bid, bid, 'Bid', BID_COLOR);
    this.ask = this.line(this.ask, ask, 'Ask', ASK_COLOR);
    this.drawn = shown ? { bid, ask } : undefined;
  }

  /** The lines as drawn, undefined while hidden. */
  data(): DrawnQuote | undefined {
    return this.drawn;
  }

  private line(line: IPriceLine | undefined, price: number | undefined, title: string, color: string): IPriceLine | undefined {
    if (price === undefined) {
      if (line !== undefined) this.series.removePriceLine(line);
      return undefined;
    }
    if (line === undefined) {
      return this.series.createPriceLine({ price, color, title, lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: true });
    }
    if (line.options().price !== price) line.applyOptions({ price });
    return line;
  }
}
