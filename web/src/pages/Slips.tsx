// Information slips (phiếu thu tin): a form per event type with the columns
// that type uses (data-formats.md, events.csv), recorded by POST
// /api/v1/events with every problem the server finds shown at its field; and
// the list of a month's slips of the chosen unit. A slip of the list is
// corrected in the same form (PATCH /api/v1/events/{id}, with a reason) and
// its versions are shown under the list.
//
// Without a connection (or when the answer is lost) a new slip is kept in
// the outbox (offline/outbox.ts) under a key of its own and sent when the
// connection returns; a slip of the outbox is opened here (#/slips/KEY) to
// be corrected, the server's refusal shown at its fields. The form being
// filled in is kept for the tab (sessionStorage), so switching pages or
// reloading loses nothing.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ApiError, get, hasCsrfToken, patch, post, requestKeyed, type EventRecord, type Household, type Paged, type Person } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { Field, fieldErrors, type FieldKind } from '../components/Field';
import { Pager } from '../components/Pager';
import { PersonPicker } from '../components/PersonPicker';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { discard, keep, newKey, outboxItem, outboxItems, setState, type OutboxItem } from '../offline/outbox';
import { keptHouseholds } from '../offline/pickerCache';
import { notReached, sendOutbox } from '../offline/sender';
import { navigate } from '../router';
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
// A spouse who is not in the register (another province, abroad): named on
// the slip, with what is known, in place of their person id.
const OUTSIDE_SPOUSE: SlipField[] = [
  { name: 'spouse_name', kind: 'text', required: true },
  { name: 'spouse_birth_year', kind: 'number' },
  { name: 'spouse_address', kind: 'text' },
  { name: 'spouse_nationality', kind: 'text' },
];
const MAY_NAME_OUTSIDE_SPOUSE = new Set(['marriage', 'divorce']);

// The fields of a type's slip: a marriage or divorce with a spouse outside
// the register names them instead of related_id.
export function slipFields(type: string, outsideSpouse: boolean): SlipField[] {
  const own = SLIP_TYPES[type] ?? [];
  if (!outsideSpouse || !MAY_NAME_OUTSIDE_SPOUSE.has(type)) return own;
  return own.flatMap((f) => (f.name === 'related_id' ? OUTSIDE_SPOUSE : [f]));
}

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

const NUMBER_FIELDS = new Set(['person_id', 'related_id', 'household_id', 'birth_order', 'conditions', 'recorded_by',
  'spouse_birth_year']);

function slipBody(type: string, values: Record<string, string>, outsideSpouse = false): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const f of [...COMMON_HEAD, ...slipFields(type, outsideSpouse), ...COMMON_TAIL]) {
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

// The birth order a new birth of `mother` takes: one more than her highest
// in the register (her births are in her history), which the form proposes
// and the user may change.
export async function proposedBirthOrder(mother: string): Promise<number | null> {
  if (!/^\d+$/.test(mother)) return null;
  try {
    const r = await get<{ person: Person }>(`/api/v1/persons/${mother}`);
    const orders = (r.person.history ?? [])
      .filter((e) => e.type === 'birth' && String(e.related_id) === mother)
      .map((e) => Number(e.birth_order ?? 0));
    return Math.max(0, ...orders) + 1;
  } catch {
    return null;  // not found or offline: nothing proposed
  }
}

// The form's values of a stored slip, for its correction.
function valuesOf(e: EventRecord): Record<string, string> {
  const out: Record<string, string> = { village_code: e.village };
  for (const f of [...COMMON_HEAD, ...slipFields(e.type, !!e.spouse_name), ...COMMON_TAIL]) {
    if (f.name === 'village_code') continue;
    const v = e[f.name];
    if (v === null || v === undefined) continue;
    out[f.name] = f.kind === 'checkbox' ? (v === true || v === 1 ? 'true' : '') : String(v);
  }
  return out;
}

// The form's values of a slip's body (a slip of the outbox).
function valuesOfBody(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'type' || k === 'child' || v === null || v === undefined) continue;
    out[k] = v === true ? 'true' : String(v);
  }
  return out;
}

function childOfBody(body: Record<string, unknown>): Record<string, string> {
  const c = (body.child ?? {}) as Record<string, unknown>;
  return { name: String(c.name ?? ''), sex: String(c.sex ?? ''), household_id: c.household_id === undefined ? '' : String(c.household_id) };
}

// The new slip being filled in, kept for the tab.
const FORM_KEY = 'danso.slipForm';
interface KeptForm {
  type: string;
  values: Record<string, string>;
  newborn: boolean;
  child: Record<string, string>;
}
function keptForm(village: string): KeptForm | null {
  try {
    const f = JSON.parse(sessionStorage.getItem(FORM_KEY) ?? 'null') as KeptForm | null;
    return f && SLIP_TYPES[f.type] && (village === '' || f.values.village_code === village) ? f : null;
  } catch {
    return null;
  }
}

interface SlipFormProps {
  village: string;
  unit: string;
  onSaved: () => void;
  editing?: EventRecord | null; // a stored slip being corrected
  onDone?: () => void;          // leave the correction
  draft?: OutboxItem | null;    // a slip of the outbox being corrected
}

function SlipForm({ village, unit, onSaved, editing, onDone, draft }: SlipFormProps) {
  const { t, tv, lang } = useI18n();
  const app = useApp();
  const [kept] = useState(() => (editing || draft ? null : keptForm(village)));
  const [type, setType] = useState(editing?.type ?? (draft ? String(draft.body.type) : kept?.type ?? 'birth'));
  const [values, setValues] = useState<Record<string, string>>(
    editing ? valuesOf(editing) : draft ? valuesOfBody(draft.body) : kept?.values ?? { date: today(), village_code: village });
  const [reason, setReason] = useState('');
  // A birth declares its newborn in the same form (POST with `child`).
  const [newborn, setNewborn] = useState(draft ? draft.body.child !== undefined : kept?.newborn ?? true);
  const [child, setChild] = useState<Record<string, string>>(
    draft ? childOfBody(draft.body) : kept?.child ?? { name: '', sex: '', household_id: '' });
  // Kept as soon as rendered (a layout effect), so that a reload right
  // after a key loses nothing.
  useLayoutEffect(() => {
    if (editing || draft) return;
    sessionStorage.setItem(FORM_KEY, JSON.stringify({ type, values, newborn, child }));
  }, [type, values, newborn, child]);
  // The server's refusal of a slip of the outbox, at its fields.
  const draftError = draft?.error
    ? new ApiError(draft.error.status, draft.error.code, draft.error.field, draft.error.message_vi,
      draft.error.message_en, draft.error.issues)
    : null;
  // Kept in the outbox: how many wait now.
  const [queued, setQueued] = useState<number | null>(null);
  // The households of the slip's village kept on the phone (a
  // collaborator's), suggested in the household fields, offline too.
  const [households, setHouseholds] = useState<Household[]>([]);
  const slipVillage = values.village_code ?? '';
  useEffect(() => {
    if (!/^\d+$/.test(slipVillage)) return setHouseholds([]);
    let live = true;
    keptHouseholds(app.session.user.id, slipVillage).then((h) => { if (live) setHouseholds(h); }, () => {});
    return () => { live = false; };
  }, [slipVillage]);
  const householdLabel = (h: Household) => [h.head_name, h.address].filter(Boolean).join(', ');
  const [savedChild, setSavedChild] = useState<{ id: number; name: string; household_id: number } | null>(null);
  const withChild = type === 'birth' && newborn && !editing;
  // A marriage or divorce to a spouse who is not in the register.
  const [outside, setOutside] = useState(!!editing?.spouse_name);
  const outsideSpouse = MAY_NAME_OUTSIDE_SPOUSE.has(type) && outside;
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelled, setCancelled] = useState<number | null>(null);
  const [childRemoved, setChildRemoved] = useState<number | null>(null);
  const cancelSlip = async () => {
    if (!editing) return;
    setBusy(true);
    setError(null);
    setTouched(new Set());
    try {
      const r = await post<{ child_removed?: number }>(`/api/v1/events/${editing.id}/cancel`, { reason });
      setCancelled(editing.id);
      setChildRemoved(r.child_removed ?? null);
      setConfirmCancel(false);
      onSaved();
    } catch (err) {
      setError(toApiError(err));
      setConfirmCancel(false);
    } finally {
      setBusy(false);
    }
  };
  const [error, setError] = useState<ApiError | null>(draftError);
  const [saved, setSaved] = useState<EventRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [lastVillage, setLastVillage] = useState(village);
  if (village !== lastVillage && !editing) {
    setLastVillage(village);
    setValues({ ...values, village_code: village });
  }
  const fields = [...COMMON_HEAD, ...slipFields(type, outsideSpouse), ...COMMON_TAIL];
  // Every problem at its field; a field typed in since loses its message.
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const aliases: Record<string, string> = outsideSpouse ? { village: 'village_code', related_id: 'spouse_name' } : { village: 'village_code' };
  const errors = Object.fromEntries(Object.entries(fieldErrors(error, lang, aliases))
    .filter(([k]) => !touched.has(k)));
  const edit = (name: string, v: string) => {
    const next = { ...values, [name]: v };
    setValues(next);
    if (!touched.has(name)) setTouched(new Set([...touched, name]));
    // A birth's mother chosen: her next birth order proposed, unless typed.
    if (type === 'birth' && name === 'related_id' && !editing && !touched.has('birth_order')) {
      void proposedBirthOrder(v).then((order) => {
        if (order !== null) setValues((cur) => (cur.related_id === v ? { ...cur, birth_order: String(order) } : cur));
      });
    }
  };
  const [corrected, setCorrected] = useState<EventRecord | null>(null);
  const label = (f: SlipField): string => {
    if (f.label) return t(f.label);
    if (f.name === 'person_id' && type === 'birth') return t('field.person_id.birth');
    return tv('field', f.name);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setTouched(new Set());
    setSaved(null);
    setQueued(null);
    try {
      if (editing) {
        // Every field of the form, a cleared one as null, and the reason.
        const body: Record<string, unknown> = { ...slipBody(type, values, outsideSpouse), reason };
        for (const f of fields) if (!(f.name in body)) body[f.name] = null;
        // The spouse switched between the register and outside it: the other way is cleared.
        if (MAY_NAME_OUTSIDE_SPOUSE.has(type))
          for (const f of [...OUTSIDE_SPOUSE, spouse]) if (!(f.name in body)) body[f.name] = null;
        const r = await patch<{ event: EventRecord }>(`/api/v1/events/${editing.id}`, body);
        setCorrected(r.event);
        onSaved();
        return;
      }
      const body = slipBody(type, values, outsideSpouse);
      if (withChild) {
        delete body.person_id;
        const c: Record<string, unknown> = { name: child.name.trim(), sex: child.sex };
        if (/^\d+$/.test(child.household_id.trim())) c.household_id = Number(child.household_id.trim());
        else if (child.household_id.trim() !== '') c.household_id = child.household_id.trim();
        body.child = c;
      }
      // Keep the date and village for the next slip of the round.
      const next = () => {
        setChild({ name: '', sex: '', household_id: '' });
        setValues({ date: values.date, village_code: values.village_code, recorded_by: values.recorded_by ?? '' });
      };
      // The slip's own key: sent again (from the outbox, after a lost
      // answer), the server records it once.
      const key = draft?.key ?? newKey();
      const user = app.session.user.id;
      const toOutbox = async () => {
        await keep({ key, user, kind: 'slip', method: 'POST', path: '/api/v1/events', body, unit, created_at: draft?.created_at });
        setQueued((await outboxItems(user)).filter((i) => i.state !== 'refused').length);
        if (draft) navigate('outbox');
        else next();
        void sendOutbox();
      };
      if (!navigator.onLine || !hasCsrfToken()) {
        await toOutbox();
        return;
      }
      let r: { event: EventRecord; child?: { id: number; name: string; household_id: number } };
      try {
        r = await requestKeyed('POST', '/api/v1/events', body, key);
      } catch (err) {
        if (notReached(err)) {
          await toOutbox();
          return;
        }
        if (draft && err instanceof ApiError) {
          await setState(draft.key, 'refused', {
            status: err.status, code: err.code, field: err.field, message_vi: err.messageVi, message_en: err.messageEn,
            issues: err.issues,
          });
        }
        throw err;
      }
      if (draft) await discard(draft.key);
      setSaved(r.event);
      setSavedChild(r.child ?? null);
      next();
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const unplaced = error && !fields.some((f) => errors[f.name]) && !(editing && errors.reason) &&
    !(withChild && (errors['child.name'] || errors['child.sex'] || errors['child.household_id']));
  // A problem's field as the form names it; those of fields the form does
  // not show are listed under the form's message, by that name.
  const shownFields = new Set([...fields.map((f) => f.name), ...(editing ? ['reason'] : []),
    ...(withChild ? ['child.name', 'child.sex', 'child.household_id'] : [])]);
  const labelOf = (name: string): string => {
    const f = fields.find((x) => x.name === name);
    if (f) return label(f);
    if (name === 'reason') return t('slips.reason');
    if (['child.name', 'child.sex', 'child.household_id'].includes(name)) return t(`slips.${name}` as MessageKey);
    if (name.startsWith('child.')) return `${t('slips.child')}: ${tv('field', name.slice(6))}`;
    return tv('field', name);
  };
  const elsewhere = error ? [{ field: error.field, message_vi: error.messageVi, message_en: error.messageEn }, ...error.issues]
    .filter((i, n, all) => !shownFields.has(aliases[i.field ?? ''] ?? i.field ?? '') &&
      all.findIndex((j) => j.field === i.field && j.message_vi === i.message_vi) === n) : [];
  return (
    <form class="card slip-form" onSubmit={submit} data-testid={editing ? 'slip-correction' : 'slip-form'}
      data-outbox-key={draft?.key} noValidate>
      <h3>{editing ? t('slips.editing', { id: editing.id }) : draft ? t('slips.fromOutbox') : t('slips.new')}</h3>
      {draft?.error && <p class="muted" data-testid="slip-outbox-refused">{t('slips.fromOutboxRefused')}</p>}
      {editing ? <p data-testid="slip-correction-type"><strong>{t('slips.type')}:</strong> {tv('event', type)}</p> : (
        <Field name="type" label={t('slips.type')} kind="select" value={type} testid="slip-type"
          options={Object.keys(SLIP_TYPES).map((k) => ({ value: k, label: tv('event', k) }))}
          onInput={(v) => { setType(v); setError(null); setSaved(null); }} />
      )}
      {MAY_NAME_OUTSIDE_SPOUSE.has(type) && (
        <Field name="outside_spouse" label={t('slips.outsideSpouse')} kind="checkbox" value={outside ? 'true' : ''}
          testid="slip-outside-spouse" onInput={(v) => setOutside(v === 'true')} />
      )}
      {type === 'birth' && !editing && (
        <Field name="newborn" label={t('slips.newborn')} kind="checkbox" value={newborn ? 'true' : ''}
          testid="slip-newborn" onInput={(v) => setNewborn(v === 'true')} />
      )}
      <div class="form-grid">
        {fields.filter((f) => !(withChild && f.name === 'person_id')).map((f) => PERSON_FIELDS.has(f.name) ? (
          <PersonPicker key={`${type}-${f.name}`} name={f.name} label={label(f)} value={values[f.name] ?? ''}
            required={f.required} testid={`slip-${f.name}`} error={errors[f.name]}
            unit={/^\d+$/.test(values.village_code ?? '') && type !== 'move_in' ? values.village_code : unit}
            slip={f.name === 'person_id' ? type : `${type}.${f.name}`} on={values.date}
            onInput={(v) => edit(f.name, v)} />
        ) : (
          <Field key={`${type}-${f.name}`} name={f.name} label={label(f)} kind={f.kind} value={values[f.name] ?? ''}
            required={f.required} testid={`slip-${f.name}`} error={errors[f.name]}
            inputMode={f.kind === 'number' ? 'numeric' : undefined}
            list={f.name === 'household_id' && households.length > 0 ? 'slip-households' : undefined}
            options={f.options?.map((o) => ({ value: o, label: o ? tv(f.prefix ?? '', o) : t('slips.choose') }))}
            onInput={(v) => edit(f.name, v)} />
        ))}
      </div>
      {withChild && (
        <fieldset class="form-grid" data-testid="slip-child">
          <legend>{t('slips.child')}</legend>
          <Field name="child.name" label={t('slips.child.name')} kind="text" value={child.name} required
            testid="slip-child-name" error={errors['child.name']}
            onInput={(v) => { setChild({ ...child, name: v }); setTouched(new Set([...touched, 'child.name'])); }} />
          <Field name="child.sex" label={t('slips.child.sex')} kind="select" value={child.sex} required
            testid="slip-child-sex" error={errors['child.sex']}
            options={[{ value: '', label: t('slips.choose') }, { value: 'F', label: t('sex.F') }, { value: 'M', label: t('sex.M') }]}
            onInput={(v) => { setChild({ ...child, sex: v }); setTouched(new Set([...touched, 'child.sex'])); }} />
          <Field name="child.household_id" label={t('slips.child.household_id')} kind="number" value={child.household_id}
            testid="slip-child-household_id" error={errors['child.household_id']} inputMode="numeric"
            list={households.length > 0 ? 'slip-households' : undefined}
            onInput={(v) => { setChild({ ...child, household_id: v }); setTouched(new Set([...touched, 'child.household_id'])); }} />
        </fieldset>
      )}
      {households.length > 0 && (
        <datalist id="slip-households" data-testid="slip-households">
          {households.map((h) => <option key={h.id} value={String(h.id)} label={householdLabel(h)} />)}
        </datalist>
      )}
      {editing && (
        <Field name="reason" label={t('slips.reason')} kind="text" value={reason} required testid="slip-reason"
          error={errors.reason} onInput={(v) => { setReason(v); if (!touched.has('reason')) setTouched(new Set([...touched, 'reason'])); }} />
      )}
      {error && (unplaced ? <ErrorBox error={error} testid="slip-error" labelOf={labelOf} /> : (
        <div class="error-box" role="alert" data-testid="slip-error">
          {t('slips.fixErrors')}
          {elsewhere.length > 0 && (
            <ul data-testid="slip-error-elsewhere">
              {elsewhere.map((i, n) => (
                <li key={n}>{i.field ? `${labelOf(i.field)}: ` : ''}{lang === 'vi' ? i.message_vi : i.message_en}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {saved && draft && <Notice ok testid="slip-sent-from-outbox">{t('slips.sentFromOutbox', { id: saved.id })}</Notice>}
      {saved && <Notice ok testid="slip-saved">{savedChild
        ? t('slips.savedBirth', { id: saved.id, name: savedChild.name, child: savedChild.id, household: savedChild.household_id })
        : t('slips.saved', { id: saved.id })}</Notice>}
      {queued !== null && <Notice testid="slip-queued">{t('slips.queued', { n: queued })}</Notice>}
      {corrected && <Notice ok testid="slip-corrected">{t('slips.corrected', { id: corrected.id })}</Notice>}
      {cancelled !== null && <Notice ok testid="slip-cancelled">{childRemoved !== null
        ? t('slips.cancelledWithChild', { id: cancelled, child: childRemoved }) : t('slips.cancelled', { id: cancelled })}</Notice>}
      {editing && confirmCancel && (
        <div class="error-box" role="alertdialog" data-testid="slip-cancel-confirmation">
          <p>{t('slips.cancelConfirm', { id: editing.id })}</p>
          {editing.type === 'birth' && <p data-testid="slip-cancel-birth">{t('slips.cancelBirthChild')}</p>}
          <button type="button" class="danger" disabled={busy} onClick={cancelSlip} data-testid="slip-cancel-yes">
            {t('slips.cancelYes')}
          </button>{' '}
          <button type="button" onClick={() => setConfirmCancel(false)}>{t('app.cancel')}</button>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="slip-submit">
          {busy ? t('app.busy') : editing ? t('slips.saveCorrection') : t('slips.submit')}
        </button>
        {editing && cancelled === null && (
          <button type="button" class="danger" disabled={busy} data-testid="slip-cancel"
            onClick={() => setConfirmCancel(true)}>{t('slips.cancel')}</button>
        )}
        {editing && <button type="button" onClick={onDone} data-testid="slip-correction-close">{t('app.close')}</button>}
        {draft && <button type="button" onClick={onDone} data-testid="slip-outbox-close">{t('app.close')}</button>}
      </div>
    </form>
  );
}

const PER_PAGE = 50;

// A slip of the outbox opened for correction (#/slips/KEY); null when gone.
function useOutboxDraft(key: string | undefined): OutboxItem | null | undefined {
  const [item, setItem] = useState<OutboxItem | null | undefined>(undefined);
  useEffect(() => {
    if (!key) return setItem(undefined);
    let live = true;
    outboxItem(key).then((i) => { if (live) setItem(i ?? null); }, () => { if (live) setItem(null); });
    return () => { live = false; };
  }, [key]);
  return item;
}

export function Slips({ outboxKey }: { outboxKey?: string }) {
  const { t, tv, date } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const draft = useOutboxDraft(outboxKey);
  const [month, setMonth] = useState(currentMonth());
  const [monthText, setMonthText] = useState(monthAsTyped(currentMonth()));
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<EventRecord | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const range = /^\d{4}-\d{2}$/.test(month) ? monthRange(month) : null;
  const query = { unit: unit?.code, from: range?.from, to: range?.to, page, per_page: PER_PAGE };
  const list = useLoad<Paged & { events: EventRecord[] }>(
    unit && range ? () => get('/api/v1/events', query) : null, [unit?.code, month, page, version]);
  if (!unit) return <Notice>{t('app.chooseVillage')}</Notice>;
  const extra = (e: EventRecord) =>
    ['related_name', 'related_id', 'spouse_name', 'spouse_birth_year', 'spouse_address', 'spouse_nationality',
      'household_id', 'birth_order', 'method', 'conditions', 'outcome', 'counterpart', 'place']
      .filter((k) => e[k] !== null && e[k] !== undefined && e[k] !== '')
      .map((k) => `${tv('field', k)}: ${k === 'method' ? tv('method', String(e[k])) : k === 'outcome' ? tv('outcome', String(e[k])) : String(e[k])}`)
      .join('; ');
  return (
    <section class="page" data-testid="slips-page">
      <h2>{t('slips.title', { unit: unit.name })}</h2>
      {outboxKey && draft === null && <Notice testid="slip-outbox-missing">{t('slips.outboxMissing')}</Notice>}
      {app.can('write_register') && outboxKey && draft && (
        <SlipForm key={`outbox-${draft.key}`} village={unit.kind === 'village' ? unit.code : ''} unit={unit.code}
          onSaved={() => setVersion(version + 1)} draft={draft} onDone={() => navigate('outbox')} />
      )}
      {app.can('write_register') && (!outboxKey || draft === null) && (
        <SlipForm key={editing ? `edit-${editing.id}` : 'new'} village={unit.kind === 'village' ? unit.code : ''}
          unit={unit.code} onSaved={() => setVersion(version + 1)} editing={editing} onDone={() => setEditing(null)} />
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
                <th>{t('slips.person')}</th>
                <th>{t('slips.details')}</th>
                <th>{t('field.recorded_on')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.events.map((e) => (
                <tr key={e.id} data-testid={`slip-row-${e.id}`}>
                  <td data-label={t('col.id')}>{e.id}</td>
                  <td data-label={t('field.date')}>{date(e.date)}</td>
                  <td data-label={t('field.type')} data-testid={`slip-row-type-${e.id}`}>{tv('event', e.type)}</td>
                  <td data-label={t('col.village')}>{e.village}</td>
                  <td data-label={t('slips.person')} data-testid={`slip-row-person-${e.id}`}>
                    {e.person_name ? `${String(e.person_name)} (${e.person_id})` : e.person_id}
                  </td>
                  <td data-label={t('slips.details')}>{extra(e)}</td>
                  <td data-label={t('field.recorded_on')}>{date(e.recorded_on)}</td>
                  <td class="row-actions">
                    {app.can('write_register') && (
                      <button type="button" data-testid={`slip-edit-${e.id}`}
                        onClick={() => { setEditing(e); window.scrollTo({ top: 0 }); }}>{t('slips.edit')}</button>
                    )}
                    <button type="button" data-testid={`slip-history-${e.id}`}
                      onClick={() => setHistoryOf(historyOf === e.id ? null : e.id)}>{t('slips.history')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.data.total === 0 && <p class="muted" data-testid="slips-empty">{t('app.none')}</p>}
          <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={setPage} testid="slips-pager" />
        </>
      )}
      {historyOf !== null && <SlipHistory id={historyOf} version={version} onClose={() => setHistoryOf(null)} />}
    </section>
  );
}

interface SlipVersion {
  version: number;
  action: string;
  at: string | null;
  by: string | null;
  reason: string | null;
  event: EventRecord;
}

// A slip's versions, oldest first: who recorded or corrected it, when, why,
// and what changed from the version before.
function SlipHistory({ id, version, onClose }: { id: number; version: number; onClose: () => void }) {
  const { t, tv, date, instant } = useI18n();
  const h = useLoad<{ versions: SlipVersion[] }>(() => get(`/api/v1/events/${id}/history`), [id, version]);
  const changed = (v: SlipVersion, before?: SlipVersion) =>
    before ? Object.keys(v.event).filter((k) => JSON.stringify(v.event[k]) !== JSON.stringify(before.event[k]))
      .map((k) => `${tv('field', k)}: ${k === 'date' || k === 'recorded_on' ? date(String(before.event[k] ?? '')) : String(before.event[k] ?? '')} → ${k === 'date' || k === 'recorded_on' ? date(String(v.event[k] ?? '')) : String(v.event[k] ?? '')}`)
      .join('; ') : '';
  return (
    <section class="card" data-testid="slip-history">
      <div class="toolbar">
        <h3>{t('slips.historyOf', { id })}</h3>
        <span class="spacer" />
        <button type="button" onClick={onClose}>{t('app.close')}</button>
      </div>
      <ErrorBox error={h.error} onRetry={h.reload} />
      {h.loading && !h.data && <Busy />}
      {h.data && (
        <ol class="history">
          {h.data.versions.map((v, i) => (
            <li key={v.version} data-testid={`slip-version-${v.version}`}>
              <strong>{t('slips.version', { n: v.version })}</strong>{' '}
              {tv('slips.action', v.action)}
              {v.at && <> · {instant(v.at)}</>}{v.by && <> · {v.by}</>}
              {v.reason && <div>{t('slips.reason')}: {v.reason}</div>}
              {i > 0 && <div class="muted">{changed(v, h.data!.versions[i - 1])}</div>}
            </li>
          ))}
        </ol>
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
