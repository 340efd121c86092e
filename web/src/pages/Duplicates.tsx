// Persons registered twice (docs/ui.md), for the commune officer: the pairs
// among the persons of the unit chosen in the tree (a commune or a village),
// each with both records side by side and why they are a pair; the officer
// keeps one record and merges the other into it (with a reason), or says
// they are two persons (with an optional note). A refused merge shows the
// register's reasons. A collaborator sees the list, not the buttons.
import { useState } from 'preact/hooks';
import { ApiError, get, post, type Person } from '../api';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useApp } from '../state';

// GET /api/v1/duplicates (docs/api.md).
export interface DuplicatePair {
  reason: 'citizen_id' | 'name_birth_mother' | 'name_birth';
  reason_vi: string;
  first: Person;
  second: Person;
}

type Decision = { kind: 'merge'; keep: Person; remove: Person } | { kind: 'dismiss'; a: Person; b: Person };

export function Duplicates() {
  const { t, date } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const code = unit?.code;
  const list = useLoad<{ pairs: DuplicatePair[] }>(code ? () => get('/api/v1/duplicates', { unit: code }) : null, [code]);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const officer = app.session.user.role !== 'collaborator';
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;

  const decide = (d: Decision) => { setDeciding(d); setText(''); setError(null); setDone(''); };
  const submit = async () => {
    if (!deciding) return;
    setBusy(true);
    setError(null);
    try {
      if (deciding.kind === 'merge') {
        const r = await post<{ slips_moved: number[]; slips_cancelled: number[] }>('/api/v1/duplicates/merge',
          { keep: deciding.keep.id, remove: deciding.remove.id, reason: text });
        setDone(t('duplicates.merged', { keep: deciding.keep.id, remove: deciding.remove.id,
          moved: r.slips_moved.length, cancelled: r.slips_cancelled.length }));
      } else {
        await post('/api/v1/duplicates/dismiss', { person_a: deciding.a.id, person_b: deciding.b.id, note: text });
        setDone(t('duplicates.dismissed', { a: deciding.a.id, b: deciding.b.id }));
      }
      setDeciding(null);
      list.reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const record = (p: Person, testid: string) => (
    <div class="duplicate-record" data-testid={testid}>
      <strong>{p.name}</strong> <span class="muted">{t('duplicates.id', { id: p.id })}</span>
      <div class="small">
        {p.sex === 'F' ? t('sex.F') : t('sex.M')} · {date(p.birth_date)}
        {p.citizen_id ? ` · ${t('duplicates.cid', { cid: p.citizen_id })}` : ''}
      </div>
      <div class="small">
        {t('duplicates.household', { id: p.lives_in_household_id ?? p.household_id })} · {p.village_name ?? p.village}
      </div>
      {p.status && <div class="small">{t(`residence.${p.status.residence}` as MessageKey)}</div>}
    </div>
  );

  const pairs = list.data?.pairs ?? [];
  return (
    <section class="page" data-testid="duplicates-page">
      <h2>{t('duplicates.title', { unit: unit.name })}</h2>
      <p class="muted small">{t('duplicates.rule')}</p>
      {done && <p class="notice ok" role="status" data-testid="duplicates-done">{done}</p>}
      <ErrorBox error={list.error} testid="duplicates-list-error" onRetry={list.reload} />
      {list.loading && !list.data && <Busy />}
      {list.data && pairs.length === 0 && <Notice>{t('duplicates.none')}</Notice>}
      {pairs.map((d) => {
        const key = `${d.first.id}-${d.second.id}`;
        const open = deciding && ((deciding.kind === 'merge' && [deciding.keep.id, deciding.remove.id].includes(d.first.id)
          && [deciding.keep.id, deciding.remove.id].includes(d.second.id))
          || (deciding.kind === 'dismiss' && deciding.a.id === d.first.id && deciding.b.id === d.second.id));
        return (
          <article class="card duplicate" key={key} data-testid={`duplicates-pair-${key}`} data-reason={d.reason}>
            <p class="small"><span class="badge">{d.reason_vi}</span></p>
            <div class="duplicate-pair">
              {record(d.first, `duplicates-first-${key}`)}
              {record(d.second, `duplicates-second-${key}`)}
            </div>
            {officer && !open && (
              <div class="actions">
                <button type="button" data-testid={`duplicates-keep-first-${key}`}
                  onClick={() => decide({ kind: 'merge', keep: d.first, remove: d.second })}>
                  {t('duplicates.keep', { id: d.first.id })}
                </button>
                <button type="button" data-testid={`duplicates-keep-second-${key}`}
                  onClick={() => decide({ kind: 'merge', keep: d.second, remove: d.first })}>
                  {t('duplicates.keep', { id: d.second.id })}
                </button>
                <button type="button" data-testid={`duplicates-dismiss-${key}`}
                  onClick={() => decide({ kind: 'dismiss', a: d.first, b: d.second })}>
                  {t('duplicates.two')}
                </button>
              </div>
            )}
            {open && deciding && (
              <form class="decision" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
                <p>{deciding.kind === 'merge'
                  ? t('duplicates.mergeWhat', { keep: deciding.keep.id, remove: deciding.remove.id })
                  : t('duplicates.dismissWhat')}</p>
                <label>
                  {deciding.kind === 'merge' ? t('duplicates.reason') : t('duplicates.note')}
                  <textarea value={text} rows={2} maxLength={500} required={deciding.kind === 'merge'}
                    data-testid="duplicates-text" onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
                </label>
                <ErrorBox error={error} testid="duplicates-error" />
                <div class="actions">
                  <button type="submit" class="primary" disabled={busy} data-testid="duplicates-confirm">
                    {deciding.kind === 'merge' ? t('duplicates.confirmMerge') : t('duplicates.confirmTwo')}
                  </button>
                  <button type="button" onClick={() => setDeciding(null)}>{t('app.cancel')}</button>
                </div>
              </form>
            )}
          </article>
        );
      })}
    </section>
  );
}
