// The collaborator's work lists (docs/worklists.md) for the unit chosen in
// the tree (a village or a commune) on a day, today by default: one tab per
// list with how many are on it, each row the person, their household and
// village and why they are on it; a printable page (A4) and the list shown
// as xlsx or CSV.
import { useState } from 'preact/hooks';
import { get, withQuery } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { DayBox } from '../components/Field';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { today, useApp } from '../state';

// GET /api/v1/worklists (docs/api.md).
export interface WorklistRow {
  list: string;
  person_id: number | null;
  name: string | null;
  sex: string | null;
  birth_date: string | null;
  age: number | null;
  household_id: number | null;
  address: string;
  village: string;
  village_name: string;
  reason: string;
  reason_vi: string;
  reason_en: string;
  since: string | null;
}
export interface WorklistData {
  on: string;
  unit: string;
  counts: Record<string, number>;
  rows: WorklistRow[];
}

const LISTS = ['no_method', 'prenatal_screening', 'newborn_screening', 'premarital_counselling', 'elderly_check',
  'household_visit'] as const;

export function Worklists() {
  const { t, lang, date } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const [draft, setDraft] = useState(today());
  const [on, setOn] = useState(today());
  const [list, setList] = useState<string>('no_method');
  const code = unit?.code;
  const w = useLoad<WorklistData>(code ? () => get('/api/v1/worklists', { unit: code, on }) : null, [code, on]);
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const data = w.data;
  const rows = data ? data.rows.filter((r) => r.list === list) : [];
  const household = list === 'household_visit';
  const query = { unit: unit.code, on, list };
  return (
    <section class="page" data-testid="worklists-page">
      <h2>{t('worklists.title', { unit: unit.name })}</h2>
      <form class="card toolbar" onSubmit={(e) => { e.preventDefault(); if (/^\d{4}-\d{2}-\d{2}$/.test(draft)) setOn(draft); }}>
        <label class="on-date">
          {t('worklists.on')}{' '}
          <DayBox value={draft} testid="worklists-on" onInput={setDraft} />
        </label>
        <button type="submit" class="primary" data-testid="worklists-show">{t('worklists.show')}</button>
        <span class="spacer" />
        <a class="button" href={withQuery('/api/v1/worklists.html', { ...query, lang })} target="_blank" rel="noopener"
          data-testid="worklists-print">{t('worklists.print')}</a>
        <ExportButtons path="/api/v1/worklists" query={{ ...query, lang }} testid="worklists-export" />
      </form>
      <p class="muted small">{t('worklists.scope')}</p>
      <ErrorBox error={w.error} testid="worklists-error" onRetry={w.reload} />
      {w.loading && <Busy />}
      {data && (
        <>
          <div class="worklist-tabs" role="tablist">
            {LISTS.map((k) => (
              <button type="button" role="tab" key={k} aria-selected={k === list} class={k === list ? 'primary' : ''}
                data-testid={`worklists-tab-${k}`} data-count={data.counts[k] ?? 0} onClick={() => setList(k)}>
                {t(`worklists.list.${k}` as MessageKey)} <span class="badge">{data.counts[k] ?? 0}</span>
              </button>
            ))}
          </div>
          <p class="small" data-testid="worklists-rule">{t(`worklists.rule.${list}` as MessageKey)}</p>
          {rows.length === 0
            ? <Notice>{t('worklists.empty')}</Notice>
            : (
              <div class="table-scroll">
                <table class="table stack" data-testid={`worklists-table-${list}`}>
                  <thead>
                    <tr>
                      <th>{household ? t('worklists.head') : t('worklists.name')}</th><th>{t('worklists.age')}</th>
                      <th>{t('worklists.household')}</th><th>{t('worklists.village')}</th><th>{t('worklists.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={`${r.household_id}/${r.person_id}`} data-testid={`worklists-row-${household ? r.household_id : r.person_id}`}>
                        <td data-label={household ? t('worklists.head') : t('worklists.name')}>
                          {r.name ?? '—'}
                        </td>
                        <td data-label={t('worklists.age')} title={r.birth_date ? date(r.birth_date) : undefined}>{r.age ?? ''}</td>
                        <td data-label={t('worklists.household')}>
                          {t('worklists.householdId', { id: r.household_id ?? '' })}{r.address ? ` · ${r.address}` : ''}
                        </td>
                        <td data-label={t('worklists.village')}>{r.village_name}</td>
                        <td data-label={t('worklists.reason')} data-reason={r.reason}>{lang === 'en' ? r.reason_en : r.reason_vi}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
        </>
      )}
    </section>
  );
}
