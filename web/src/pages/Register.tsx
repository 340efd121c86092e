// The village register (Sổ A0) of the chosen unit: households with their
// members, paged; search of persons by name (diacritics optional: the server
// folds both sides); add and edit a household or a person.
import { useState } from 'preact/hooks';
import { get, type Household, type Paged, type Person } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { Pager } from '../components/Pager';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';
import { HouseholdForm, PersonForm } from './registerForms';

const PER_PAGE = 20;

type Editing =
  | { kind: 'household'; household: Household | null }
  | { kind: 'person'; person: Person | null; householdId: number }
  | null;

function PersonRows({ persons, canWrite, onEdit, showHousehold }: {
  persons: Person[]; canWrite: boolean; onEdit: (p: Person) => void; showHousehold?: boolean;
}) {
  const { t, tv, date } = useI18n();
  return (
    <>
      {persons.map((p) => (
        <tr key={p.id} data-testid={`person-${p.id}`}>
          <td data-label={t('col.id')}>{p.id}</td>
          {showHousehold && <td data-label={t('col.household_id')}>{p.household_id}</td>}
          <td data-label={t('col.name')} data-testid={`person-name-${p.id}`}>{p.name}</td>
          <td data-label={t('col.sex')}>{tv('sex', p.sex)}</td>
          <td data-label={t('col.birth_date')}>{date(p.birth_date)}</td>
          <td data-label={t('col.relation')}>{tv('relation', p.relation)}</td>
          <td data-label={t('col.marital')}>{tv('marital', p.marital)}</td>
          <td data-label={t('col.residence')}>{tv('residence', p.residence)}</td>
          <td class="row-actions">
            {canWrite && (
              <button type="button" class="small" data-testid={`person-edit-${p.id}`} onClick={() => onEdit(p)}>
                {t('app.edit')}
              </button>
            )}
          </td>
        </tr>
      ))}
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

function Members({ id, canWrite, version, onEdit, onAdd }: {
  id: number; canWrite: boolean; version: number; onEdit: (p: Person) => void; onAdd: () => void;
}) {
  const { t } = useI18n();
  const h = useLoad(() => get<{ household: Household }>(`/api/v1/households/${id}`), [id, version]);
  return (
    <div class="members" data-testid={`members-${id}`}>
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
                <PersonRows persons={h.data.household.members ?? []} canWrite={canWrite} onEdit={onEdit} />
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

  const [lastUnit, setLastUnit] = useState(unit?.code);
  if (unit?.code !== lastUnit) {
    setLastUnit(unit?.code);
    setPage(1);
    setOpen(null);
    setEditing(null);
  }

  const query = { unit: unit?.code, q: q || undefined, page, per_page: PER_PAGE };
  const listPath = q ? '/api/v1/persons' : '/api/v1/households';
  const list = useLoad<Paged & { households?: Household[]; persons?: Person[] }>(
    unit ? () => get(listPath, query) : null, [unit?.code, q, page, version]);

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
        <form class="search" onSubmit={(e) => { e.preventDefault(); setPage(1); setQ(text.trim()); }}>
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
              <PersonRows persons={list.data.persons ?? []} canWrite={canWrite} showHousehold
                onEdit={(p) => edit({ kind: 'person', person: p, householdId: p.household_id })} />
            </tbody>
          </table>
        </>
      )}
      {list.data && !q && (
        <table class="table stack" data-testid="households-table">
          <thead>
            <tr>
              <th>{t('col.id')}</th>
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
                <td data-label={t('col.village')}>{h.village}</td>
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
                  <td colSpan={8}>
                    <Members id={h.id} canWrite={canWrite} version={version}
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
      {list.data && <Pager page={page} perPage={PER_PAGE} total={list.data.total} onPage={setPage} testid="register-pager" />}
    </section>
  );
}
