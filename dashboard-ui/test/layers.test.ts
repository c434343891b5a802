/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/**
 * The layers point one way: the model, the protocol, the connection and the replay's logic never
 * import the views or the page's wiring, so a view can change without touching state. The sources
 * are read as text by Vite's glob import.
 */
const LOWER_LAYERS: Record<string, string> = import.meta.glob('../src/{model,protocol,connection,replay}/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const UPPER_LAYERS = ['view', 'app'];

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
}

describe('layers', () => {
  it('shouldKeepModelProtocolConnectionAndReplayFreeOfViewAndAppImports', () => {
    const offending: string[] = [];
    for (const [file, text] of Object.entries(LOWER_LAYERS)) {
      for (const target of importsOf(text)) {
        if (UPPER_LAYERS.some((upper) => target.startsWith(`../${upper}/`))) offending.push(`${file} imports ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('shouldReadEveryLowerLayerAndItsImports', () => {
    expect(Object.keys(LOWER_LAYERS)).toContain('../src/model/market-model.ts');
    expect(Object.keys(LOWER_LAYERS)).toContain('../src/replay/replay-router.ts');
    expect(importsOf(LOWER_LAYERS['../src/model/market-model.ts'] ?? '')).toContain('./zoned-time.js');
  });
});
