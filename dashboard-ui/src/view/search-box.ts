/**
 * Finds instruments by symbol or name and adds them to the watchlist: symbols that start with
 * the query come first, then names that contain it. Enter adds the highlighted match.
 */
import type { Instrument } from '../gen/ticker/v1/market_pb.js';

const MAX_MATCHES = 12;

/** The instruments matching `query`, best first. */
export function searchInstruments(instruments: readonly Instrument[], query: string): Instrument[] {
  const q = query.trim().toUpperCase();
  if (q === '') return [];
  const bySymbol: Instrument[] = [];
  const byName: Instrument[] = [];
  for (const instrument of instruments) {
    const symbol = instrument.symbol.toUpperCase();
    if (symbol.startsWith(q)) bySymbol.push(instrument);
    else if (symbol.includes(q) || instrument.name.toUpperCase().includes(q)) byName.push(instrument);
  }
  bySymbol.sort((a, b) => a.symbol.length - b.symbol.length || (a.symbol < b.symbol ? -1 : 1));
  return [...bySymbol, ...byName].slice(0, MAX_MATCHES);
}

export class SearchBox {
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private matches: Instrument[] = [];
  private active = 0;

  /** Puts the cursor in the search field (the `/` key). */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  constructor(
    container: HTMLElement,
    private readonly instruments: () => readonly Instrument[],
    private readonly watched: (symbol: string) => boolean,
    private readonly onAdd: (symbol: string) => void,
  ) {
    container.replaceChildren();
    this.input = document.createElement('input');
    this.input.type = 'search';
    this.input.placeholder = 'Add symbol or name…';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.setAttribute('aria-label', 'Add a symbol to the watchlist');
    this.list = document.createElement('ul');
    this.list.className = 'search-results';
    this.list.setAttribute('role', 'listbox');
    this.list.hidden = true;
    container.append(this.input, this.list);
    this.input.addEventListener('input', () => this.update());
    this.input.addEventListener('focus', () => this.update());
    this.input.addEventListener('blur', () => {
      // a click on a result lands before the list hides
      window.setTimeout(() => (this.list.hidden = true), 150);
    });
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.list.addEventListener('mousedown', (event) => {
      const item = event.target instanceof Element ? event.target.closest('li') : null;
      const symbol = item?.dataset['symbol'];
      if (symbol !== undefined) {
        event.preventDefault();
        this.add(symbol);
      }
    });
  }

  private update(): void {
    this.matches = searchInstruments(this.instruments(), this.input.value);
    this.active = 0;
    this.draw();
  }

  private draw(): void {
    this.list.replaceChildren(
      ...this.matches.map((instrument, i) => {
        const li = document.createElement('li');
        li.dataset['symbol'] = instrument.symbol;
        li.setAttribute('role', 'option');
        li.classList.toggle('active', i === this.active);
        const symbol = document.createElement('span');
        symbol.className = 'symbol';
        symbol.textContent = instrument.symbol;
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = instrument.name;
        li.append(symbol, name);
        if (this.watched(instrument.symbol)) {
          const mark = document.createElement('span');
          mark.className = 'in-list';
          mark.textContent = 'in list';
          li.appendChild(mark);
        }
        return li;
      }),
    );
    if (this.matches.length === 0 && this.input.value.trim() !== '') {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'No match';
      this.list.appendChild(li);
    }
    this.list.hidden = this.input.value.trim() === '';
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (this.matches.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.matches.length) % this.matches.length;
      this.draw();
    } else if (event.key === 'Enter') {
      const match = this.matches[this.active];
      if (match !== undefined) this.add(match.symbol);
    } else if (event.key === 'Escape') {
      this.input.value = '';
      this.update();
      this.input.blur();
    }
  }

  private add(symbol: string): void {
    this.onAdd(symbol);
    this.input.value = '';
    this.update();
  }
}
