// Adding and editing a household or a person: POST to create, PATCH with the
// changed fields to edit, the server's message under the field it names.
// Each opening of the form is one write with a key of its own
// (Idempotency-Key): without a connection, or when the answer is lost, the
// write is kept in the outbox (offline/outbox.ts) and sent later, once.
import { useState } from 'preact/hooks';
import { hasCsrfToken, requestKeyed, type ApiError, type Household, type Person } from '../api';
import { Field, fieldErrors, type FieldKind } from '../components/Field';
import { ErrorBox, Notice } from '../components/Status';
import { toApiError } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { keep, newKey, outboxItems, type OutboxKind } from '../offline/outbox';
import { notReached, sendOutbox } from '../offline/sender';
import { today, useApp } from '../state';

interface Spec {
  name: string; // the column name the API takes (data-formats.md)
  label: MessageKey;
  kind?: FieldKind;
  options?: string[]; // values; labels from `${prefix}.${value}`
  prefix?: string;
  required?: boolean;
}

const HOUSEHOLD_FIELDS: Spec[] = [
  { name: 'village_code', label: 'col.village', required: true },
  { name: 'address', label: 'col.address' },
  { name: 'poverty', label: 'col.poverty', kind: 'select', options: ['none', 'near_poor', 'poor'], prefix: 'poverty' },
  { name: 'social_protection', label: 'col.social_protection', kind: 'checkbox' },
  { name: 'ethnic_minority', label: 'col.ethnic_minority', kind: 'checkbox' },
  { name: 'registered_on', label: 'col.registered_on', kind: 'date', required: true },
];

const PERSON_FIELDS: Spec[] = [
  { name: 'household_id', label: 'col.household_id', kind: 'number', required: true },
  { name: 'name', label: 'col.name', required: true },
  { name: 'sex', label: 'col.sex', kind: 'select', options: ['F', 'M'], prefix: 'sex', required: true },
  { name: 'birth_date', label: 'col.birth_date', kind: 'date', required: true },
  { name: 'citizen_id', label: 'col.citizen_id' },
  { name: 'relation', label: 'col.relation', kind: 'select',
    options: ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'], prefix: 'relation' },
  { name: 'ethnicity', label: 'col.ethnicity' },
  { name: 'marital_status', label: 'col.marital', kind: 'select',
    options: ['single', 'married', 'widowed', 'divorced', 'separated'], prefix: 'marital' },
  { name: 'residence_status', label: 'col.residence', kind: 'select',
    options: ['permanent', 'temporary', 'absent'], prefix: 'residence' },
  { name: 'registered_on', label: 'col.registered_on', kind: 'date' },
];

// The names the read API uses for the same fields.
const ALIASES: Record<string, string> = { village: 'village_code', marital: 'marital_status', residence: 'residence_status' };

type Values = Record<string, string>;

function householdValues(h: Household | null, village: string): Values {
  return {
    village_code: h?.village ?? village,
    address: h?.address ?? '',
    poverty: h?.poverty ?? 'none',
    social_protection: String(Boolean(h?.social_protection)),
    ethnic_minority: String(Boolean(h?.ethnic_minority)),
    registered_on: h?.registered_on ?? today(),
  };
}

function personValues(p: Person | null, householdId: number): Values {
  return {
    household_id: String(p?.household_id ?? householdId),
    name: p?.name ?? '',
    sex: p?.sex ?? 'F',
    birth_date: p?.birth_date ?? '',
    citizen_id: p?.citizen_id ?? '',
    relation: p?.relation ?? 'other',
    ethnicity: p?.ethnicity ?? 'Kinh',
    marital_status: p?.marital ?? 'single',
    residence_status: p?.residence ?? 'permanent',
    registered_on: p?.registered_on ?? '',
  };
}

// Values as JSON: numbers and flags typed, empty optional fields left out.
function toBody(specs: Spec[], values: Values, initial: Values | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const s of specs) {
    const v = values[s.name];
    if (initial && initial[s.name] === v) continue; // PATCH: only what changed
    if (s.kind === 'checkbox') body[s.name] = v === 'true';
    else if (s.kind === 'number') body[s.name] = v === '' ? null : Number(v);
    else if (v === '' && !initial) continue;
    else body[s.name] = v === '' ? null : v;
  }
  return body;
}

// Where a form's write goes, and what the outbox says of it.
interface WriteTarget {
  kind: OutboxKind;
  method: 'POST' | 'PATCH';
  path: string;
  unit: string;
}

function RecordForm({ specs, initial, isNew, title, testid, target, onDone, onCancel }: {
  specs: Spec[]; initial: Values; isNew: boolean; title: string; testid: string;
  target: WriteTarget; onDone: () => void; onCancel: () => void;
}) {
  const { t, tv, lang } = useI18n();
  const app = useApp();
  const [values, setValues] = useState<Values>(initial);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const [queued, setQueued] = useState<number | null>(null);
  const errors = fieldErrors(error, lang, ALIASES);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = toBody(specs, values, isNew ? null : initial);
    const user = app.session.user.id;
    const toOutbox = async () => {
      await keep({ key, user, kind: target.kind, method: target.method, path: target.path, body, unit: target.unit });
      setQueued((await outboxItems(user)).filter((i) => i.state !== 'refused').length);
      void sendOutbox();
    };
    try {
      if (!navigator.onLine || !hasCsrfToken()) await toOutbox();
      else {
        await requestKeyed(target.method, target.path, body, key);
        onDone();
      }
    } catch (err) {
      if (notReached(err)) await toOutbox().catch((e2) => setError(toApiError(e2)));
      else setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const fieldNamed = (name?: string) => name && specs.some((s) => s.name === (ALIASES[name] ?? name));
  return (
    <form class="card record-form" onSubmit={submit} data-testid={testid} noValidate>
      <h3>{title}</h3>
      <div class="form-grid">
        {specs.map((s) => (
          <Field key={s.name} name={s.name} label={t(s.label)} kind={s.kind} value={values[s.name]}
            required={s.required} testid={`${testid}-${s.name}`} error={errors[s.name]}
            options={s.options?.map((o) => ({ value: o, label: tv(s.prefix ?? '', o) }))}
            onInput={(v) => setValues({ ...values, [s.name]: v })} />
        ))}
      </div>
      {error && !fieldNamed(error.field) && <ErrorBox error={error} testid={`${testid}-error`} />}
      {queued !== null && <Notice testid={`${testid}-queued`}>{t('register.queued', { n: queued })}</Notice>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || queued !== null} data-testid={`${testid}-save`}>
          {busy ? t('app.busy') : t('app.save')}
        </button>
        <button type="button" onClick={onCancel} data-testid={`${testid}-cancel`}>
          {queued !== null ? t('app.close') : t('app.cancel')}
        </button>
      </div>
    </form>
  );
}

export function HouseholdForm({ household, village, onDone, onCancel }: {
  household: Household | null; village: string; onDone: () => void; onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <RecordForm specs={HOUSEHOLD_FIELDS} initial={householdValues(household, village)} isNew={!household}
      title={household ? t('register.editHousehold', { id: household.id }) : t('register.newHousehold')}
      testid="household-form" onDone={onDone} onCancel={onCancel}
      target={household ? { kind: 'household', method: 'PATCH', path: `/api/v1/households/${household.id}`, unit: household.village }
        : { kind: 'household', method: 'POST', path: '/api/v1/households', unit: village }} />
  );
}

export function PersonForm({ person, householdId, onDone, onCancel }: {
  person: Person | null; householdId: number; onDone: () => void; onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <RecordForm specs={PERSON_FIELDS} initial={personValues(person, householdId)} isNew={!person}
      title={person ? t('register.editPerson', { id: person.id }) : t('register.newPerson', { id: householdId })}
      testid="person-form" onDone={onDone} onCancel={onCancel}
      target={person ? { kind: 'person', method: 'PATCH', path: `/api/v1/persons/${person.id}`, unit: person.village ?? '' }
        : { kind: 'person', method: 'POST', path: '/api/v1/persons', unit: '' }} />
  );
}
