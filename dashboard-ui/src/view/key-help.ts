/** The `?` overlay: the keyboard's bindings, listed from the one table that defines them. */

export class KeyHelp {
  private readonly overlay: HTMLElement;

  /** `bindings`: [keys separated by spaces, what they do]. */
  constructor(parent: HTMLElement, bindings: ReadonlyArray<readonly [string, string]>) {
    this.overlay = document.createElement('div');
    this.overlay.className = 'key-help';
    this.overlay.setAttribute('role', 'dialog');
    this.overlay.setAttribute('aria-label', 'Keyboard shortcuts');
    this.overlay.hidden = true;
    const title = document.createElement('h2');
    title.textContent = 'Keyboard';
    const list = document.createElement('dl');
    for (const [keys, what] of bindings) {
      const dt = document.createElement('dt');
      for (const key of keys.split(' ')) {
        const kbd = document.createElement('kbd');
        kbd.textContent = key;
        dt.appendChild(kbd);
      }
      const dd = document.createElement('dd');
      dd.textContent = what;
      list.append(dt, dd);
    }
    this.overlay.append(title, list);
    this.overlay.addEventListener('click', () => this.show(false));
    parent.appendChild(this.overlay);
  }

  get shown(): boolean {
    return !this.overlay.hidden;
  }

  show(shown: boolean): void {
    this.overlay.hidden = !shown;
  }
}
