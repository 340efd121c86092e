// What the dashboard and the map say alike of an indicator: its name in the
// chosen language, whether it is a count, and the TFR's bands.
import type { IndicatorValue } from './api';
import { hasKey, type I18n } from './i18n';

export function indicatorName(i18n: I18n, code: string): string {
  const key = `ind.${code}`;
  return hasKey(key) ? i18n.t(key) : code;
}

// A count carries neither numerator nor denominator: shown whole.
export const isCount = (v: IndicatorValue | undefined) => !!v && v.numerator === null && v.denominator === null;

// Fertility bands of the TFR: above 2.3 high, below 1.8 low, replacement between.
export function fertilityBand(tfr: number | null | undefined): 'high' | 'low' | 'replacement' | null {
  if (tfr === null || tfr === undefined) return null;
  if (tfr > 2.3) return 'high';
  if (tfr < 1.8) return 'low';
  return 'replacement';
}
export const BAND_COLOURS = { high: '#c0392b', replacement: '#2e8b57', low: '#2f6fb3' };
