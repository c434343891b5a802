/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';

/**
 * The layers point one way, checked by `npm test` (so the Maven build fails on a wrong import):
 * protocol and connection below the model, the model below the replay's logic, all of them below
 * the views, and the page's wiring (app) on top. A view can change without touching state, and
 * state never knows how it is drawn. The sources are read as text by Vite's glob import.
 */
const SOURCES: Record<string, string> = import.meta.glob('../src/*/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** What each layer must never import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  protocol: ['connection', 'model', 'replay', 'view', 'app', 'bench'],
  connection: ['protocol', 'model', 'replay', 'view', 'app', 'bench'],
  model: ['connection', 'replay', 'view', 'app', 'bench'],
  replay: ['view', 'app', 'bench'],
  view: ['app', 'bench'],
};

function importsOf(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
}

function layerOf(file: string): string {
  return file.split('/')[2] ?? '';
}

describe('layers', () => {
  it('shouldKeepEveryLayerFreeOfImportsFromTheLayersAboveIt', () => {
    const offending: string[] = [];
    for (const [file, text] of Object.entries(SOURCES)) {
      const forbidden = FORBIDDEN[layerOf(file)] ?? [];
      for (const target of importsOf(text)) {
        if (forbidden.some((upper) => target.startsWith(`../${upper}/`))) offending.push(`${file} imports ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('shouldReadEveryLayerAndItsImports', () => {
    const layers = new Set(Object.keys(SOURCES).map(layerOf));
    for (const layer of Object.keys(FORBIDDEN)) expect(layers).toContain(layer);
    expect(Object.keys(SOURCES)).toContain('../src/view/chart-view.ts');
    expect(importsOf(SOURCES['../src/model/market-model.ts'] ?? '')).toContain('./zoned-time.js');
    expect(importsOf(SOURCES['../src/view/chart-view.ts'] ?? '')).toContain('../model/layout.js');
  });
});
