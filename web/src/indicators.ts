// What every page says alike of an indicator, from the server's catalogue
// (GET /api/v1/indicators/catalogue, fetched once): its name in the chosen
// language (indicators an administrator added included), its declared
// precision, and its bands (the TFR's fertility levels, the SRB's normal
// band, the contraceptive prevalence target) for legends and threshold
// lines; and the span of days the register covers, for trends over every
// year of it.
import { get, type IndicatorValue } from './api';
import { hasKey, type I18n } from './i18n';
import { useLoad, type Loaded } from './hooks';

export interface IndicatorBand {
  upper: number | null;      // a value is in the first band it is below (or at, when inclusive)
  upper_inclusive: boolean;
  vi: string;
  en: string;
  colour: string;
}

export interface IndicatorDef {
  code: string;
  vi: string;
  en: string;
  unit: string;
  kind: 'count' | 'ratio' | 'difference' | 'method';
  precision: number;
  bands: IndicatorBand[];
}

export interface Catalogue {
  indicators: IndicatorDef[];
  covered: { first: string; last: string };
}

let catalogue: Promise<Catalogue> | null = null;

// The catalogue, asked once per page load (again after a failure).
export function loadCatalogue(): Promise<Catalogue> {
  if (!catalogue) {
    catalogue = get<Catalogue>('/api/v1/indicators/catalogue');
    catalogue.catch(() => { catalogue = null; });
  }
  return catalogue;
}

export function useCatalogue(): Loaded<Catalogue> {
  return useLoad(loadCatalogue, []);
}

export function findDef(cat: Catalogue | null | undefined, code: string): IndicatorDef | undefined {
  return cat?.indicators.find((d) => d.code === code);
}

// The indicator's name: the catalogue's, else the UI's message, else its code.
export function indicatorName(i18n: I18n, code: string, def?: { vi: string; en: string }): string {
  if (def) return i18n.lang === 'en' ? def.en : def.vi;
  const key = `ind.${code}`;
  return hasKey(key) ? i18n.t(key) : code;
}

// A count carries neither numerator nor denominator: shown whole.
export const isCount = (v: IndicatorValue | undefined) => !!v && v.numerator === null && v.denominator === null;

// The decimals an indicator is shown with: its declared precision; before
// the catalogue is in, whole counts and two decimals for the rest.
export function precisionOf(def: IndicatorDef | undefined, v?: IndicatorValue): number {
  if (def) return def.precision;
  return isCount(v) ? 0 : 2;
}

// A value as every table, card, tooltip and chart label shows it.
export function formatValue(i18n: I18n, def: { precision: number } | undefined, value: number | null | undefined,
  v?: IndicatorValue): string {
  return i18n.fixed(value, def ? def.precision : precisionOf(undefined, v));
}

export function bandOf(def: IndicatorDef | undefined, value: number | null | undefined): IndicatorBand | undefined {
  if (!def || def.bands.length === 0 || value === null || value === undefined) return undefined;
  return def.bands.find((b) => b.upper === null || value < b.upper || (b.upper_inclusive && value === b.upper));
}

export const bandName = (i18n: I18n, b: IndicatorBand) => (i18n.lang === 'en' ? b.en : b.vi);

// A band's range in words: "< 1,80", "1,80–2,30", "> 2,30".
export function bandRange(i18n: I18n, def: IndicatorDef, index: number): string {
  const f = (n: number) => i18n.fixed(n, def.precision);
  const lower = index > 0 ? def.bands[index - 1].upper : null;
  const upper = def.bands[index].upper;
  if (lower === null && upper !== null) return `${def.bands[index].upper_inclusive ? '≤' : '<'} ${f(upper)}`;
  if (upper === null && lower !== null) return `${def.bands[index - 1].upper_inclusive ? '>' : '≥'} ${f(lower)}`;
  if (lower !== null && upper !== null) return `${f(lower)}–${f(upper)}`;
  return '';
}

// The bands' bounds as ECharts threshold lines on the value axis `axis`.
export function thresholdLines(i18n: I18n, def: IndicatorDef | undefined, axis: 'xAxis' | 'yAxis') {
  const bounds = (def?.bands ?? []).filter((b) => b.upper !== null);
  if (bounds.length === 0) return undefined;
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { type: 'dashed', color: '#555' },
    label: { formatter: () => '' },
    data: bounds.map((b) => ({ [axis]: b.upper, label: { show: true, formatter: i18n.fixed(b.upper, def!.precision) } })),
  };
}
