import { describe, expect, it } from 'vitest';
import { resolveFeedUrl } from '../src/app/feed-url.js';

const page = (protocol: string, host: string, search = '') => ({ protocol, host, search });

describe('resolveFeedUrl', () => {
  it('uses /ws on the page host', () => {
    expect(resolveFeedUrl(page('http:', 'localhost:8080'))).toBe('ws://localhost:8080/ws');
    expect(resolveFeedUrl(page('https:', 'ticker.example'))).toBe('wss://ticker.example/ws');
  });

  it('takes an override from ?ws=', () => {
    expect(resolveFeedUrl(page('http:', 'localhost:5173', '?ws=ws://10.0.0.5:8080/ws'))).toBe('ws://10.0.0.5:8080/ws');
    expect(resolveFeedUrl(page('http:', 'localhost:5173', '?ws=https://feed.example/ws'))).toBe('wss://feed.example/ws');
    expect(resolveFeedUrl(page('http:', 'localhost:5173', '?ws=http://feed.example/ws'))).toBe('ws://feed.example/ws');
    expect(resolveFeedUrl(page('https:', 'ticker.example', '?ws=/alt/ws'))).toBe('wss://ticker.example/alt/ws');
    expect(resolveFeedUrl(page('http:', 'localhost:5173', '?ws=127.0.0.1:9090'))).toBe('ws://127.0.0.1:9090/ws');
    expect(resolveFeedUrl(page('http:', 'localhost:5173', '?x=1&ws=' + encodeURIComponent('ws://h:1/ws?token=a')))).toBe('ws://h:1/ws?token=a');
  });

  it('ignores an empty override', () => {
    expect(resolveFeedUrl(page('http:', 'localhost:8080', '?ws='))).toBe('ws://localhost:8080/ws');
  });
});
