// One labelled form control with the server's message for its field shown
// under it (errors name fields as the API does: `field` in the error body).
import { useEffect, useState } from 'preact/hooks';
import type { ApiError } from '../api';
import { formatDate } from '../i18n';

export type FieldKind = 'text' | 'date' | 'number' | 'select' | 'checkbox' | 'password';

export interface FieldProps {
  name: string;
  label: string;
  kind?: FieldKind;
  value: string;
  onInput: (v: string) => void;
  options?: { value: string; label: string }[];
  required?: boolean;
  error?: string | null;
  testid: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text';
  list?: string; // the id of a <datalist> of suggested values
}

export function Field(p: FieldProps) {
  const id = `f-${p.testid}`;
  const kind = p.kind ?? 'text';
  const common = {
    id,
    name: p.name,
    'data-testid': p.testid,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': p.error ? `${id}-err` : undefined,
    required: p.required,
  };
  let control;
  if (kind === 'select') {
    control = (
      <select {...common} value={p.value} onChange={(e) => p.onInput((e.target as HTMLSelectElement).value)}>
        {p.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'checkbox') {
    control = (
      <input {...common} type="checkbox" checked={p.value === 'true'}
        onChange={(e) => p.onInput((e.target as HTMLInputElement).checked ? 'true' : 'false')} />
    );
  } else if (kind === 'date') {
    control = <DayInput common={common} value={p.value} onInput={p.onInput} />;
  } else {
    control = (
      <input {...common} type={kind} value={p.value} autoComplete={p.autocomplete} inputMode={p.inputMode} list={p.list}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)} />
    );
  }
  return (
    <div class={`field field-${kind}${p.error ? ' invalid' : ''}`}>
      <label for={id}>
        {p.label}
        {p.required && <span class="req" aria-hidden="true"> *</span>}
      </label>
      {control}
      {p.error && (
        <div class="field-error" id={`${id}-err`} data-testid={`${p.testid}-error`}>
          {p.error}
        </div>
      )}
    </div>
  );
}

// The server's messages by field name: the first problem and every issue.
// `aliases` maps the names the API may use onto the form's own names.
export function fieldErrors(err: ApiError | null, lang: 'vi' | 'en', aliases: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (!err) return out;
  const put = (field: string | undefined, vi: string, en: string) => {
    if (!field) return;
    const name = aliases[field] ?? field;
    if (!out[name]) out[name] = lang === 'vi' ? vi : en;
  };
  // A record a form names that the server does not find: missing, or
  // outside the user's units (the server answers both alike), said plainly.
  if (err.code === 'not_found')
    put(err.field, 'không có trong các đơn vị, thôn bạn được giao (hoặc không tồn tại)',
      'not within the units or villages you are assigned (or does not exist)');
  put(err.field, err.messageVi, err.messageEn);
  for (const i of err.issues) put(i.field, i.message_vi, i.message_en);
  return out;
}

// A day typed as the forms write it, dd/mm/yyyy (ISO yyyy-mm-dd is read
// too, as pasted or filled in); the form's value is the ISO day once the
// text is one, else the text as typed, which the server refuses at its
// field. The browser's own date picker would show the phone's format.
export function isoDay(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const ymd = m ? [Number(m[3]), Number(m[2]), Number(m[1])] : (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)) && [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!ymd) return null;
  const [y, mo, d] = ymd;
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function DayInput(p: { common: Record<string, unknown>; value: string; onInput: (v: string) => void }) {
  const [text, setText] = useState(formatDate(p.value));
  // A value set by the form (a reset, today's date) is shown as written.
  useEffect(() => {
    if ((isoDay(text) ?? text) !== p.value) setText(formatDate(p.value));
  }, [p.value]);
  return (
    <input {...p.common} type="text" inputMode="numeric" placeholder="dd/mm/yyyy" value={text} autoComplete="off"
      onInput={(e) => {
        const v = (e.target as HTMLInputElement).value;
        setText(v);
        p.onInput(isoDay(v) ?? v);
      }}
      onBlur={() => { const iso = isoDay(text); if (iso) setText(formatDate(iso)); }} />
  );
}

// A day field outside a form's grid (a "status on" day above a list).
export function DayBox(p: { value: string; onInput: (v: string) => void; testid: string; label?: string }) {
  return <DayInput common={{ 'data-testid': p.testid, 'aria-label': p.label, size: 10 }} value={p.value} onInput={p.onInput} />;
}
