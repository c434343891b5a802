/**
 * The page's two themes, dark and light, and which one shows: the system's preference unless the
 * user picked one. The page's colours are CSS variables switched by `data-theme` on the root; the
 * chart, drawn on a canvas, takes its colours from here.
 */

export type ThemeMode = 'system' | 'dark' | 'light';
export type Theme = 'dark' | 'light';

export const THEME_MODES: readonly ThemeMode[] = ['system', 'light', 'dark'];

/** The theme shown for `mode` when the system prefers light (`prefersLight`) or not. */
export function resolveTheme(mode: ThemeMode, prefersLight: boolean): Theme {
  if (mode === 'system') return prefersLight ? 'light' : 'dark';
  return mode;
}

/** The mode after `mode` when the theme button is pressed: system, light, dark, system... */
export function nextThemeMode(mode: ThemeMode): ThemeMode {
  return THEME_MODES[(THEME_MODES.indexOf(mode) + 1) % THEME_MODES.length] ?? 'system';
}

export interface ChartColors {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
}

export const CHART_COLORS: Record<Theme, ChartColors> = {
  dark: { background: '#0d1117', text: '#9aa7b6', grid: 'rgba(34, 45, 59, 0.6)', border: '#222d3b' },
  light: { background: '#ffffff', text: '#4b5563', grid: 'rgba(203, 213, 225, 0.6)', border: '#d5dce4' },
};
