import { describe, expect, it } from 'vitest';
import { nextThemeMode, resolveTheme } from '../src/view/theme.js';

describe('theme', () => {
  it('shouldFollowTheSystemUnlessTheUserPickedOne', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('dark', true)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
  });

  it('shouldCycleSystemLightDark', () => {
    expect([nextThemeMode('system'), nextThemeMode('light'), nextThemeMode('dark')]).toEqual(['light', 'dark', 'system']);
  });
});
