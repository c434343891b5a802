/**
 * The sign-in corner of the top bar: a field to paste an access token into when the server asks
 * for one, and, once signed in, who is signed in, until when, and a way to sign out. Paints only;
 * what a token says comes from the model (model/access-token).
 */
import type { AccessToken } from '../model/access-token.js';

export interface SignInHandlers {
  onSignIn(raw: string): void;
  onSignOut(): void;
}

export class SignInView {
  constructor(
    private readonly root: HTMLElement,
    private readonly handlers: SignInHandlers,
  ) {}

  /** Asks for a token, saying why (`message`). */
  askForToken(message: string): void {
    this.root.replaceChildren();
    this.root.hidden = false;
    const form = document.createElement('form');
    form.className = 'sign-in-form';
    const label = document.createElement('span');
    label.className = 'sign-in-message';
    label.textContent = message;
    const input = document.createElement('input');
    input.type = 'password';
    input.name = 'token';
    input.autocomplete = 'off';
    input.placeholder = 'Access token';
    input.setAttribute('aria-label', 'Access token');
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Sign in';
    form.append(label, input, button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (input.value.trim() !== '') this.handlers.onSignIn(input.value.trim());
    });
    this.root.append(form);
    input.focus();
  }

  /** Shows who is signed in and until when. */
  showSignedIn(token: AccessToken, untilText: string): void {
    this.root.replaceChildren();
    this.root.hidden = false;
    const who = document.createElement('span');
    who.className = 'sign-in-user';
    who.textContent = `${token.subject} · until ${untilText}`;
    who.title = `Entitled: ${token.symbols.join(', ') || 'no symbols'}${token.groups.length > 0 ? `; ${token.groups.join(', ')}` : ''}${token.replay ? '; replay' : ''}`;
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'sign-out';
    out.textContent = 'Sign out';
    out.addEventListener('click', () => this.handlers.onSignOut());
    this.root.append(who, out);
  }
}
