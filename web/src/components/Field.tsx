// One labelled form control with the server's message for its field shown
// under it (errors name fields as the API does: `field` in the error body).
import type { ApiError } from '../api';

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
  } else {
    control = (
      <input {...common} type={kind} value={p.value} autoComplete={p.autocomplete} inputMode={p.inputMode}
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
  put(err.field, err.messageVi, err.messageEn);
  for (const i of err.issues) put(i.field, i.message_vi, i.message_en);
  return out;
}
