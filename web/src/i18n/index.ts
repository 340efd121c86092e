// The chosen language and t(): a key of the catalogues, `{name}` placeholders
// filled from params. The choice is kept in localStorage.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en';
import { vi, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
export type { MessageKey };

const catalogues: Record<Lang, Record<MessageKey, string>> = { vi, en };

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  let s = catalogues[lang][key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

// A key built at run time (an event type, a status, an indicator code): the
// message when the catalogue has it, else the raw value.
export function hasKey(key: string): key is MessageKey {
  return key in vi;
}

export function initialLang(): Lang {
  const saved = localStorage.getItem('danso.lang');
  return saved === 'en' ? 'en' : 'vi';
}

export interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  // t() for keys made of a prefix and a server value; the value itself when unknown.
  tv: (prefix: string, value: string | null | undefined) => string;
  num: (n: number | null | undefined, digits?: number) => string;
  // A figure with exactly `digits` decimals (an indicator's declared precision).
  fixed: (n: number | null | undefined, digits: number) => string;
  // A day as the forms write it: 2025-11-03 -> 03/11/2025 (anything else as given).
  date: (iso: string | null | undefined) => string;
  // An instant of the server (ISO, UTC) in Viet Nam's time, UTC+7:
  // 2025-11-03T02:15:00Z -> 03/11/2025 09:15.
  instant: (iso: string | null | undefined) => string;
}

// Viet Nam keeps UTC+7 all year, without summer time.
const kVietnamOffsetMs = 7 * 3600 * 1000;
const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso)) return iso;
  const d = new Date(ms + kVietnamOffsetMs);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const fmt = new Map<number, Intl.NumberFormat>();
  const fixedFmt = new Map<number, Intl.NumberFormat>();
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    tv: (prefix, value) => {
      if (value === null || value === undefined || value === '') return '';
      const key = `${prefix}.${value}`;
      return hasKey(key) ? translate(lang, key) : value;
    },
    num: (n, digits = 0) => {
      if (n === null || n === undefined || Number.isNaN(n)) return translate(lang, 'dash.noValue');
      let f = fmt.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
        fmt.set(digits, f);
      }
      return f.format(n);
    },
    fixed: (n, digits) => {
      if (n === null || n === undefined || Number.isNaN(n)) return translate(lang, 'dash.noValue');
      let f = fixedFmt.get(digits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
        fixedFmt.set(digits, f);
      }
      return f.format(n);
    },
    date: formatDate,
    instant: formatInstant,
  };
}

export const I18nContext = createContext<I18n>(makeI18n('vi', () => {}));
export const useI18n = () => useContext(I18nContext);
