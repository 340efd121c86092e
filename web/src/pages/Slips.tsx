// Information slips (phiếu thu tin): a form per event type with the columns
// that type uses (data-formats.md, events.csv), recorded by POST
// /api/v1/events with every problem the server finds shown at its field; and
// the list of a month's slips of the chosen unit.
import { useState } from 'preact/hooks';
import { get, post, type ApiError, type EventRecord, type Paged } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { Field, fieldErrors, type FieldKind } from '../components/Field';
import { Pager } from '../components/Pager';
import { PersonPicker } from '../components/PersonPicker';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { currentMonth, monthRange, today, useApp } from '../state';

interface SlipField {
  name: string;
  kind: FieldKind;
  required?: boolean;
  label?: MessageKey; // default `field.<name>`
  options?: string[];
  prefix?: string;
}

const METHODS = ['iud', 'pill', 'condom', 'injectable', 'implant', 'female_sterilisation', 'male_sterilisation',
  'other_modern', 'traditional'];
const method = (required: boolean): SlipField => ({ name: 'method', kind: 'select', required, options: METHODS, prefix: 'method' });
const spouse: SlipField = { name: 'related_id', kind: 'number', required: true, label: 'field.related_id.spouse' };
const conditions: SlipField = { name: 'conditions', kind: 'number', required: true };

// The columns each type uses beyond those every slip has.
export const SLIP_TYPES: Record<string, SlipField[]> = {
  birth: [
    { name: 'related_id', kind: 'number', required: true, label: 'field.related_id.birth' },
    { name: 'birth_order', kind: 'number', required: true },
    { name: 'household_id', kind: 'number' },
    { name: 'place', kind: 'text' },
  ],
  death: [{ name: 'place', kind: 'text' }],
  move_in: [
    { name: 'household_id', kind: 'number', required: true, label: 'field.household_id.move_in' },
    { name: 'counterpart', kind: 'text' },
  ],
  move_out: [{ name: 'counterpart', kind: 'text' }],
  marriage: [spouse, { name: 'consanguineous', kind: 'checkbox' }],
  divorce: [spouse],
  contraception_start: [method(true)],
  contraception_stop: [method(false)],
  contraception_change: [method(true)],
  pregnancy: [{ name: 'outcome', kind: 'select', options: ['', 'live_birth', 'stillbirth', 'miscarriage', 'abortion'], prefix: 'outcome' }],
  prenatal_screening: [conditions],
  newborn_screening: [conditions],
  premarital_counselling: [],
  elderly_health_check: [],
  health_insurance_card: [],
};

const COMMON_HEAD: SlipField[] = [
  { name: 'date', kind: 'date', required: true },
  { name: 'village_code', kind: 'text', required: true },
  { name: 'person_id', kind: 'number', required: true },
];
const COMMON_TAIL: SlipField[] = [
  { name: 'recorded_by', kind: 'number' },
  { name: 'recorded_on', kind: 'date' },
];

const NUMBER_FIELDS = new Set(['person_id', 'related_id', 'household_id', 'birth_order', 'conditions', 'recorded_by']);

function slipBody(type: string, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const f of [...COMMON_HEAD, ...SLIP_TYPES[type], ...COMMON_TAIL]) {
    const v = (values[f.name] ?? '').trim();
    if (f.kind === 'checkbox') {
      if (v === 'true') body[f.name] = true;
    } else if (v !== '') {
      body[f.name] = NUMBER_FIELDS.has(f.name) && /^\d+$/.test(v) ? Number(v) : v;
    }
  }
  return body;
}

// Fields naming a person: chosen by name or typed.
const PERSON_FIELDS = new Set(['person_id', 'related_id']);

function SlipForm({ village, unit, onSaved }: { village: string; unit: string; onSaved: () => void }) {
  const { t, tv, lang } = useI18n();
  const [type, setType] = useState('birth');
  const [values, setValues] = useState<Record<string, string>>({ date: today(), village_code: village });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<EventRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastVillage, setLastVillage] = useState(village);
  if (village !== lastVillage) {
    setLastVillage(village);
    setValues({ ...values, village_code: village });
  }
  const fields = [...COMMON_HEAD, ...SLIP_TYPES[type], ...COMMON_TAIL];
  const errors = fieldErrors(error, lang, { village: 'village_code' });
  const label = (f: SlipField): string => {
    if (f.label) return t(f.label);
    if (f.name === 'person_id' && type === 'birth') return t('field.person_id.birth');
    return tv('field', f.name);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const r = await post<{ event: EventRecord }>('/api/v1/events', slipBody(type, values));
      setSaved(r.event);
      // Keep the date and village for the next slip of the round.
      setValues({ date: values.date, village_code: values.village_code, recorded_by: values.recorded_by ?? '' });
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const unplaced = error && !fields.some((f) => errors[f.name]);
  return (
    <form class="card slip-form" onSubmit={submit} data-testid="slip-form" noValidate>
      <h3>{t('slips.new')}</h3>
      <Field name="type" label={t('slips.type')} kind="select" value={type} testid="slip-type"
        options={Object.keys(SLIP_TYPES).map((k) => ({ value: k, label: tv('event', k) }))}
        onInput={(v) => { setType(v); setError(null); setSaved(null); }} />
      <div class="form-grid">
        {fields.map((f) => PERSON_FIELDS.has(f.name) ? (
          <PersonPicker key={`${type}-${f.name}`} name={f.name} label={label(f)} value={values[f.name] ?? ''}
            required={f.required} testid={`slip-${f.name}`} error={errors[f.name]}
            unit={/^\d+$/.test(values.village_code ?? '') && type !== 'move_in' ? values.village_code : unit}
            slip={f.name === 'person_id' ? type : `${type}.${f.name}`} on={values.date}
            onInput={(v) => setValues({ ...values, [f.name]: v })} />
        ) : (
          <Field key={`${type}-${f.name}`} name={f.name} label={label(f)} kind={f.kind} value={values[f.name] ?? ''}
            required={f.required} testid={`slip-${f.name}`} error={errors[f.name]}
            inputMode={f.kind === 'number' ? 'numeric' : undefined}
            options={f.options?.map((o) => ({ value: o, label: o ? tv(f.prefix ?? '', o) : t('slips.choose') }))}
            onInput={(v) => setValues({ ...values, [f.name]: v })} />
        ))}
      </div>
      {error && (unplaced ? <ErrorBox error={error} testid="slip-error" /> :
        <div class="error-box" role="alert" data-testid="slip-error">{t('slips.fixErrors')}</div>)}
      {saved && <Notice ok testid="slip-saved">{t('slips.saved', { id: saved.id })}</Notice>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="slip-submit">
          {busy ? t('app.busy') : t('slips.submit')}
        </button>
      </div>
    </form>
  );
}

const PER_PAGE = 50;

export function Slips() {
  const { t, tv, date } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const [month, setMonth] = useState(currentMonth());
  const [monthText, setMonthText] = useState(monthAsTyped(currentMonth()));
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const range = /^\d{4}-\d{2}$/.test(month) ? monthRange(month) : null;
  const query = { unit: unit?.code, from: range?.from, to: range?.to, page, per_page: PER_PAGE };
  const list = useLoad<Paged & { events: EventRecord[] }>(
    unit && range ? () => get('/api/v1/events', query) : null, [unit?.code, month, page, version]);
  if (!unit) return <Notice>{t('app.chooseVillage')}</Notice>;
  const extra = (e: EventRecord) =>
    ['related_id', 'household_id', 'birth_order', 'method', 'conditions', 'outcome', 'counterpart', 'place']
      .filter((k) => e[k] !== null && e[k] !== undefined && e[k] !== '')
      .map((k) => `${tv('field', k)}: ${k === 'method' ? tv('method', String(e[k])) : k === 'outcome' ? tv('outcome', String(e[k])) : String(e[k])}`)
      .join('; ');
  return (
    <section class="page" data-testid="slips-page">
      <h2>{t('slips.title', { unit: unit.name })}</h2>
      {app.can('write_register') && (
        <SlipForm village={unit.kind === 'village' ? unit.code : ''} unit={unit.code} onSaved={() => setVersion(version + 1)} />
      )}
      <div class="toolbar">
        <h3>{t('slips.list', { month: monthAsTyped(month) })}</h3>
        <span class="spacer" />
        <label class="inline">
          {t('slips.month')}{' '}
          <input value={monthText} size={8} inputMode="numeric" placeholder="mm/yyyy" data-testid="slips-month"
            onInput={(e) => {
              const v = (e.target as HTMLInputElement).value;
              setMonthText(v);
              const iso = isoMonth(v);
              if (iso) { setMonth(iso); setPage(1); }
            }} />
        </label>
        <ExportButtons path="/api/v1/events" query={query} testid="slips-export" />
      </div>
      <ErrorBox error={list.error} testid="slips-error" onRetry={list.reload} />
      {list.loading && !list.data && <Busy />}
      {list.data && (
        <>
          <table class="table stack" data-testid="slips-table">
            <thead>
              <tr>
                <th>{t('col.id')}</th>
                <th>{t('field.date')}</th>
                <th>{t('field.type')}</th>
                <th>{t('col.village')}</th>
                <th>{t('field.person_id')}</th>
                <th>{t('slips.details')}</th>
                <th>{t('field.recorded_by')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.events.map((e) => (
                <tr key={e.id} data-testid={`slip-row-${e.id}`}>
                  <td data-label={t('col.id')}>{e.id}</td>
                  <td data-label={t('field.date')}>{date(e.date)}</td>
                  <td data-label={t('field.type')} data-testid={`slip-row-type-${e.id}`}>{tv('event', e.type)}</td>
                  <td data-label={t('col.village')}>{e.village}</td>
                  <td data-label={t('field.person_id')}>{e.person_id}</td>
                  <td data-label={t('slips.details')}>{extra(e)}</td>
                  <td data-label={t('field.recorded_by')}>{e.recorded_by ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.total === 0 && <p class="muted" data-testid="slips-empty">{t('app.none')}</p>}
          <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={setPage} testid="slips-pager" />
        </>
      )}
    </section>
  );
}

// A month as the forms write it: 12/2025 (2025-12 is read too).
function isoMonth(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${m[1].padStart(2, '0')}`;
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(t) ? t : null;
}

function monthAsTyped(iso: string): string {
  return /^\d{4}-\d{2}$/.test(iso) ? `${iso.slice(5)}/${iso.slice(0, 4)}` : iso;
}
