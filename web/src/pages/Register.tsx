// The village register (Sổ A0) of the chosen unit: households with their
// members, paged; search of persons by name (diacritics optional: the server
// folds both sides); add and edit a household or a person.
import { useState } from 'preact/hooks';
import { get, type Household, type Paged, type Person } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { Pager } from '../components/Pager';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { DayBox } from '../components/Field';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';
import { HouseholdForm, PersonForm } from './registerForms';

const PER_PAGE = 20;

type Editing =
  | { kind: 'household'; household: Household | null }
  | { kind: 'person'; person: Person | null; householdId: number }
  | null;

// A person's residence on the day shown (their status from the register's
// events when the server gives it, else the register's own column).
function residenceText(p: Person, i18n: ReturnType<typeof useI18n>) {
  const st = p.status;
  if (!st) return i18n.tv('residence', p.residence);
  const status = i18n.tv('residence', st.residence);
  return st.since ? i18n.t('residence.since', { status, date: i18n.date(st.since) }) : status;
}

function PersonDetails({ id, on }: { id: number; on: string }) {
  const i18n = useI18n();
  const { t, tv, date } = i18n;
  const d = useLoad(() => get<{ person: Person }>(`/api/v1/persons/${id}`, { on: on || undefined }), [id, on]);
  const p = d.data?.person;
  return (
    <div class="person-details" data-testid={`person-details-${id}`}>
      <ErrorBox error={d.error} />
      {d.loading && <Busy />}
      {p && (
        <>
          <p>
            <strong>{p.name}</strong> · {residenceText(p, i18n)} · {tv('marital', p.status?.marital ?? p.marital)}
            {p.village_name && <> · {p.village_name}</>}
            {p.status?.household_id != null && <> · {t('picker.household', { id: p.status.household_id })}</>}
          </p>
          <h4>{t('register.history')}</h4>
          {(p.history ?? []).length === 0 ? (
            <p class="muted">{t('register.noHistory')}</p>
          ) : (
            <ol class="history" data-testid={`person-history-${id}`}>
              {(p.history ?? []).map((e) => (
                <li key={e.id}>
                  {date(e.date)} · {tv('event', e.type)}
                  {e.person_id !== id && <> ({t('picker.id', { id: e.person_id })})</>}
                  {e.type === 'move_in' && e.household_id != null && <> · {t('picker.household', { id: e.household_id })}</>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </div>
  );
}

function PersonRows({ persons, canWrite, onEdit, showHousehold, on, household, onOpenHousehold }: {
  persons: Person[]; canWrite: boolean; onEdit: (p: Person) => void; showHousehold?: boolean; on: string;
  household?: number; onOpenHousehold?: (id: number) => void;
}) {
  const i18n = useI18n();
  const { t, tv, date } = i18n;
  const [open, setOpen] = useState<number | null>(null);
  const columns = showHousehold ? 9 : 8;
  return (
    <>
      {persons.map((p) => {
        const gone = p.status ? !p.status.lives_here : false;
        const lives = p.lives_in_household_id ?? p.household_id;
        const elsewhere = household !== undefined && p.status?.household_id != null && p.status.household_id !== household;
        return [
          <tr key={p.id} data-testid={`person-${p.id}`} class={gone ? 'gone' : ''}>
            <td data-label={t('col.id')}>{p.id}</td>
            {showHousehold && (
              <td data-label={t('col.household_id')}>
                {p.village_name ?? p.village}{' '}
                <button type="button" class="link" data-testid={`person-household-${p.id}`}
                  onClick={() => onOpenHousehold?.(lives)}>
                  {t('register.openHousehold', { id: lives })}
                </button>
              </td>
            )}
            <td data-label={t('col.name')} data-testid={`person-name-${p.id}`}>
              <button type="button" class="link" aria-expanded={open === p.id} title={t('register.details')}
                data-testid={`person-open-${p.id}`} onClick={() => setOpen(open === p.id ? null : p.id)}>
                {p.name}
              </button>
            </td>
            <td data-label={t('col.sex')}>{tv('sex', p.sex)}</td>
            <td data-label={t('col.birth_date')}>{date(p.birth_date)}</td>
            <td data-label={t('col.relation')}>{tv('relation', p.relation)}</td>
            <td data-label={t('col.marital')}>{tv('marital', p.status?.marital ?? p.marital)}</td>
            <td data-label={t('col.residence')} data-testid={`person-residence-${p.id}`}>
              {residenceText(p, i18n)}
              {elsewhere && <> · {t('register.elsewhere', { id: p.status?.household_id ?? '' })}</>}
            </td>
            <td class="row-actions">
              {canWrite && (
                <button type="button" class="small" data-testid={`person-edit-${p.id}`} onClick={() => onEdit(p)}>
                  {t('app.edit')}
                </button>
              )}
            </td>
          </tr>,
          open === p.id && (
            <tr key={`d${p.id}`} class="members-row">
              <td colSpan={columns}><PersonDetails id={p.id} on={on} /></td>
            </tr>
          ),
        ];
      })}
    </>
  );
}

function PersonHead({ showHousehold }: { showHousehold?: boolean }) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th>{t('col.id')}</th>
        {showHousehold && <th>{t('col.household_id')}</th>}
        <th>{t('col.name')}</th>
        <th>{t('col.sex')}</th>
        <th>{t('col.birth_date')}</th>
        <th>{t('col.relation')}</th>
        <th>{t('col.marital')}</th>
        <th>{t('col.residence')}</th>
        <th>{t('col.actions')}</th>
      </tr>
    </thead>
  );
}

function Members({ id, canWrite, version, on, onEdit, onAdd }: {
  id: number; canWrite: boolean; version: number; on: string; onEdit: (p: Person) => void; onAdd: () => void;
}) {
  const { t } = useI18n();
  const [former, setFormer] = useState(false);
  const h = useLoad(() => get<{ household: Household }>(`/api/v1/households/${id}`,
    { on: on || undefined, former: former ? 'true' : undefined }), [id, version, on, former]);
  return (
    <div class="members" data-testid={`members-${id}`}>
      <label class="checkbox">
        <input type="checkbox" checked={former} data-testid={`members-former-${id}`}
          onChange={(e) => setFormer((e.target as HTMLInputElement).checked)} />
        {t('register.former')}
      </label>
      <ErrorBox error={h.error} />
      {h.loading && <Busy />}
      {h.data && (
        <>
          {(h.data.household.members ?? []).length === 0 ? (
            <p class="muted">{t('register.noMembers')}</p>
          ) : (
            <table class="table stack">
              <PersonHead />
              <tbody>
                <PersonRows persons={h.data.household.members ?? []} canWrite={canWrite} onEdit={onEdit} on={on}
                  household={id} />
              </tbody>
            </table>
          )}
          {canWrite && (
            <button type="button" data-testid={`person-add-${id}`} onClick={onAdd}>+ {t('register.addPerson')}</button>
          )}
        </>
      )}
    </div>
  );
}

export function Register() {
  const { t, tv } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const canWrite = app.can('write_register');
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState(false);
  const [on, setOn] = useState('');  // the day the statuses are of; empty: today
  const [shown, setShown] = useState<number | null>(null);  // a household opened from the search

  const [lastUnit, setLastUnit] = useState(unit?.code);
  if (unit?.code !== lastUnit) {
    setLastUnit(unit?.code);
    setPage(1);
    setOpen(null);
    setEditing(null);
  }

  const query = { unit: unit?.code, q: q || undefined, on: q && on ? on : undefined, page, per_page: PER_PAGE };
  const listPath = q ? '/api/v1/persons' : '/api/v1/households';
  const list = useLoad<Paged & { households?: Household[]; persons?: Person[] }>(
    unit ? () => get(listPath, query) : null, [unit?.code, q, on, page, version]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const done = () => {
    setEditing(null);
    setSaved(true);
    setVersion(version + 1);
  };
  const edit = (e: Editing) => {
    setSaved(false);
    setEditing(e);
  };

  return (
    <section class="page" data-testid="register-page">
      <h2>{t('register.title', { unit: unit.name })}</h2>
      <div class="toolbar">
        <form class="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setShown(null); setQ(text.trim().replace(/\s+/g, ' ')); }}>
          <input type="search" value={text} placeholder={t('register.search')} aria-label={t('register.search')}
            data-testid="register-search" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          <button type="submit" data-testid="register-search-submit">{t('register.searchButton')}</button>
          {q && (
            <button type="button" class="link" data-testid="register-search-clear"
              onClick={() => { setText(''); setQ(''); setPage(1); }}>
              {t('register.clear')}
            </button>
          )}
        </form>
        <label class="on-date">
          {t('register.on')}{' '}
          <DayBox value={on} testid="register-on" onInput={(v) => setOn(/^\d{4}-\d{2}-\d{2}$/.test(v) || v === '' ? v : on)} />
        </label>
        <span class="spacer" />
        {canWrite && (
          <button type="button" class="primary" data-testid="household-add"
            onClick={() => edit({ kind: 'household', household: null })}>
            + {t('register.addHousehold')}
          </button>
        )}
        <ExportButtons path={listPath} query={query} testid={q ? 'persons-export' : 'households-export'} />
      </div>
      {saved && <Notice ok testid="register-saved">{t('register.saved')}</Notice>}
      {editing?.kind === 'household' && (
        <HouseholdForm household={editing.household} village={unit.kind === 'village' ? unit.code : ''}
          onDone={done} onCancel={() => setEditing(null)} />
      )}
      {editing?.kind === 'person' && (
        <PersonForm person={editing.person} householdId={editing.householdId} onDone={done}
          onCancel={() => setEditing(null)} />
      )}
      <ErrorBox error={list.error} testid="register-error" onRetry={list.reload} />
      {list.loading && !list.data && <Busy />}
      {list.data && q && (
        <>
          <h3>{t('register.persons')}</h3>
          <table class="table stack" data-testid="persons-table">
            <PersonHead showHousehold />
            <tbody>
              <PersonRows persons={list.data.persons ?? []} canWrite={canWrite} showHousehold on={on}
                onOpenHousehold={setShown}
                onEdit={(p) => edit({ kind: 'person', person: p, householdId: p.household_id })} />
            </tbody>
          </table>
          {shown !== null && (
            <section data-testid="register-shown-household">
              <h3>{t('register.households')} {shown}</h3>
              <Members id={shown} canWrite={canWrite} version={version} on={on}
                onEdit={(p) => edit({ kind: 'person', person: p, householdId: shown })}
                onAdd={() => edit({ kind: 'person', person: null, householdId: shown })} />
            </section>
          )}
        </>
      )}
      {list.data && !q && (
        <table class="table stack" data-testid="households-table">
          <thead>
            <tr>
              <th>{t('col.id')}</th>
              <th>{t('register.head')}</th>
              <th>{t('col.village')}</th>
              <th>{t('col.address')}</th>
              <th>{t('col.poverty')}</th>
              <th>{t('col.social_protection')}</th>
              <th>{t('col.ethnic_minority')}</th>
              <th>{t('col.registered_on')}</th>
              <th>{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data.households ?? []).map((h) => [
              <tr key={h.id} data-testid={`household-${h.id}`} class={open === h.id ? 'open' : ''}>
                <td data-label={t('col.id')}>{h.id}</td>
                <td data-label={t('register.head')} data-testid={`household-head-${h.id}`}>{h.head_name ?? ''}</td>
                <td data-label={t('col.village')} title={h.village}>{h.village_name ?? h.village}</td>
                <td data-label={t('col.address')}>{h.address}</td>
                <td data-label={t('col.poverty')}>{tv('poverty', h.poverty)}</td>
                <td data-label={t('col.social_protection')}>{h.social_protection ? t('app.yes') : t('app.no')}</td>
                <td data-label={t('col.ethnic_minority')}>{h.ethnic_minority ? t('app.yes') : t('app.no')}</td>
                <td data-label={t('col.registered_on')}>{h.registered_on}</td>
                <td class="row-actions">
                  <button type="button" class="small" data-testid={`household-members-${h.id}`} aria-expanded={open === h.id}
                    onClick={() => setOpen(open === h.id ? null : h.id)}>
                    {t('register.members')}
                  </button>
                  {canWrite && (
                    <button type="button" class="small" data-testid={`household-edit-${h.id}`}
                      onClick={() => edit({ kind: 'household', household: h })}>
                      {t('app.edit')}
                    </button>
                  )}
                </td>
              </tr>,
              open === h.id && (
                <tr key={`m${h.id}`} class="members-row">
                  <td colSpan={9}>
                    <Members id={h.id} canWrite={canWrite} version={version} on={on}
                      onEdit={(p) => edit({ kind: 'person', person: p, householdId: h.id })}
                      onAdd={() => edit({ kind: 'person', person: null, householdId: h.id })} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      )}
      {list.data && list.data.total === 0 && <p class="muted" data-testid="register-empty">{t('app.none')}</p>}
      {list.data && <Pager page={page} perPage={PER_PAGE} total={list.data.total} capped={list.data.total_capped}
        onPage={setPage} testid="register-pager" />}
    </section>
  );
}
