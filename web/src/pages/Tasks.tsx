// The agencies' tasks of the plans that apply to the unit chosen in the
// tree (of its unit, those above and those below it): a summary per agency
// (most overdue first), every task with its state this year, due date and
// last report, overdue first; the steering committees with their members.
// An agency member sees their agency's tasks first and reports progress on
// them; the province's and district's staff may report on any task in scope.
import { useState } from 'preact/hooks';
import { get, post, type ApiError, type Committee, type TaskList, type TaskView } from '../api';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { useApp } from '../state';

function ReportForm({ task, onDone, onCancel }: { task: TaskView; onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<'in_progress' | 'done' | 'blocked'>('in_progress');
  const [note, setNote] = useState('');
  // The year reported on: a year missed (oldest first), or this one.
  const thisYear = new Date().getFullYear();
  const years = [...new Set([...task.missed_years, thisYear])];
  const [year, setYear] = useState(years[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/tasks/${task.id}/updates`, { status, note, year });
      onDone();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="task-report" onSubmit={submit} data-testid={`task-form-${task.id}`}>
      <label>
        {t('tasks.status')}{' '}
        <select value={status} data-testid="task-status"
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value as typeof status)}>
          {(['in_progress', 'done', 'blocked'] as const).map((s) => (
            <option key={s} value={s}>{t(`tasks.state.${s}` as MessageKey)}</option>
          ))}
        </select>
      </label>
      {years.length > 1 && (
        <label>
          {t('tasks.year')}{' '}
          <select value={year} data-testid="task-year" onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
      )}
      <label>
        {t('tasks.note')}
        <textarea rows={3} maxLength={2000} value={note} data-testid="task-note"
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
      </label>
      <ErrorBox error={error} testid="task-error" />
      <div class="toolbar">
        <button type="submit" disabled={busy} data-testid="task-send">{t('tasks.send')}</button>
        <button type="button" class="secondary" onClick={onCancel}>{t('tasks.cancel')}</button>
      </div>
    </form>
  );
}

function TaskRow({ v, names, mayReport, onReported }: {
  v: TaskView; names: Map<string, string>; mayReport: boolean; onReported: () => void;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const description = lang === 'en' && v.description_en ? v.description_en : v.description_vi;
  return (
    <tr data-testid={`task-${v.set}-${v.key}`} data-state={v.state}>
      <td data-label={t('tasks.state')}>
        <div>
          <span class={`badge task-${v.state}`}>{t(`tasks.state.${v.state}` as MessageKey)}</span>
          {v.missed_years.length > 0 && <div class="muted small">{t('tasks.missed', { years: v.missed_years.join(', ') })}</div>}
        </div>
      </td>
      <td data-label={t('tasks.task')} class="task-text">
        <div>
          {description}
          <div class="muted small">{v.set} · {v.key}</div>
        </div>
      </td>
      <td data-label={t('tasks.agency')}>
        <div>
          {v.agency_name || v.agency} <span class="muted small">({t(`tasks.role.${v.role}` as MessageKey)}, {v.unit})</span>
          {v.with.length > 0 && <div class="muted small">{t('tasks.with')}: {v.with.map((c) => names.get(`${v.unit}|${c}`) ?? c).join(', ')}</div>}
        </div>
      </td>
      <td data-label={t('tasks.due')}>
        <div>
          {v.next_due ?? v.due ?? <span class="muted small">{t('tasks.noDue')}</span>}
          {v.recurring && <div class="muted small">{v.recurring}</div>}
        </div>
      </td>
      <td data-label={t('tasks.last')} class="small">
        <div>
          {v.last_update
            ? <>{t(`tasks.state.${v.last_update.status}` as MessageKey)} ({v.last_update.year}) · {v.last_update.by}<div class="muted">{v.last_update.note}</div></>
            : '—'}
        </div>
      </td>
      <td class="row-actions">
        {mayReport && !open && (
          <button type="button" class="small" data-testid={`task-report-${v.id}`} onClick={() => setOpen(true)}>{t('tasks.report')}</button>
        )}
        {open && <ReportForm task={v} onCancel={() => setOpen(false)} onDone={() => { setOpen(false); onReported(); }} />}
      </td>
    </tr>
  );
}

function Committees({ unit }: { unit: string }) {
  const { t } = useI18n();
  const list = useLoad(() => get<{ committees: Committee[] }>('/api/v1/committees', { unit }), [unit]);
  if (list.loading) return <Busy />;
  if (!list.data) return <ErrorBox error={list.error} testid="committees-error" onRetry={list.reload} />;
  if (list.data.committees.length === 0) return null;
  return (
    <section data-testid="committees">
      <h3>{t('tasks.committees')}</h3>
      {list.data.committees.map((c) => (
        <div key={c.id} class="committee">
          <strong>{c.name_vi}</strong> <span class="muted small">({t(`tasks.level.${c.level}` as MessageKey)}, {c.unit})</span>
          {c.members.length === 0
            ? <p class="muted small">{t('tasks.noMembers')}</p>
            : (
              <table class="table stack">
                <thead><tr><th>{t('tasks.position')}</th><th>{t('tasks.member')}</th><th>{t('tasks.agency')}</th></tr></thead>
                <tbody>
                  {c.members.map((m, i) => (
                    <tr key={i}>
                      <td data-label={t('tasks.position')}>{m.position}</td>
                      <td data-label={t('tasks.member')}>{m.name}</td>
                      <td data-label={t('tasks.agency')}>{m.agency}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
        </div>
      ))}
    </section>
  );
}

export function Tasks() {
  const { t, num } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const [agency, setAgency] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [onlyMine, setOnlyMine] = useState(true);
  const [sent, setSent] = useState(false);
  const list = useLoad(unit ? () => get<TaskList>('/api/v1/tasks', { unit: unit.code }) : null, [unit?.code]);
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const data = list.data;
  const mine = data?.my_agency ?? null;
  const isMember = app.session.user.role === 'agency_member';
  const mayReport = (v: TaskView) =>
    app.can('report_tasks') && (!isMember || (mine !== null && mine.unit === v.unit && mine.agency === v.agency));
  // Agency names by unit and code, for the agencies a task works with.
  const names = new Map((data?.agencies ?? []).map((a) => [`${a.unit}|${a.agency}`, a.name || a.agency]));
  const shown = (data?.tasks ?? []).filter((v) =>
    (!overdueOnly || v.state === 'overdue') &&
    (!agency || `${v.unit}|${v.agency}` === agency) &&
    (!mine || !onlyMine || (v.unit === mine.unit && v.agency === mine.agency)));
  return (
    <section class="page" data-testid="tasks-page">
      <h2>{t('tasks.title', { unit: unit.name })}</h2>
      {mine && <p data-testid="tasks-mine"><strong>{t('tasks.mine', { agency: mine.name })}</strong></p>}
      {sent && <Notice ok testid="task-sent">{t('tasks.sent')}</Notice>}
      <ErrorBox error={list.error} testid="tasks-error" onRetry={list.reload} />
      {list.loading && <Busy />}
      {data && (
        <>
          <div class="toolbar">
            {mine && (
              <label class="inline">
                <input type="checkbox" checked={onlyMine} data-testid="tasks-only-mine"
                  onChange={(e) => setOnlyMine((e.target as HTMLInputElement).checked)} /> {t('tasks.onlyMine')}
              </label>
            )}
            <label class="inline">
              {t('tasks.agency')}{' '}
              <select value={agency} data-testid="tasks-agency" onChange={(e) => setAgency((e.target as HTMLSelectElement).value)}>
                <option value="">{t('tasks.allAgencies')}</option>
                {data.agencies.map((a) => (
                  <option key={`${a.unit}|${a.agency}`} value={`${a.unit}|${a.agency}`}>{a.name || a.agency} ({a.unit})</option>
                ))}
              </select>
            </label>
            <label class="inline">
              <input type="checkbox" checked={overdueOnly} data-testid="tasks-overdue-only"
                onChange={(e) => setOverdueOnly((e.target as HTMLInputElement).checked)} /> {t('tasks.overdueOnly')}
            </label>
          </div>
          <h3>{t('tasks.byAgency')}</h3>
          <table class="table stack" data-testid="tasks-agencies">
            <thead>
              <tr>
                <th>{t('tasks.agency')}</th><th>{t('tasks.count')}</th><th>{t('tasks.reported')}</th>
                <th>{t('tasks.done')}</th><th>{t('tasks.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              {data.agencies.map((a) => (
                <tr key={`${a.unit}|${a.agency}`} data-testid={`agency-${a.unit}-${a.agency}`} data-overdue={a.overdue}>
                  <td data-label={t('tasks.agency')}>{a.name || a.agency} <span class="muted small">{a.unit}</span></td>
                  <td data-label={t('tasks.count')}>{num(a.tasks)}</td>
                  <td data-label={t('tasks.reported')}>{num(a.reported)}</td>
                  <td data-label={t('tasks.done')}>{num(a.done)}</td>
                  <td data-label={t('tasks.overdue')}>
                    {a.overdue > 0 ? <span class="badge task-overdue">{num(a.overdue)}</span> : num(a.overdue)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('tasks.task')} ({num(shown.length)})</h3>
          {shown.length === 0 ? <p class="muted">{t('app.none')}</p> : (
            <table class="table stack task-table" data-testid="tasks-list">
              <thead>
                <tr>
                  <th>{t('tasks.state')}</th><th>{t('tasks.task')}</th><th>{t('tasks.agency')}</th>
                  <th>{t('tasks.due')}</th><th>{t('tasks.last')}</th><th />
                </tr>
              </thead>
              <tbody>
                {shown.map((v) => (
                  <TaskRow key={v.id} v={v} names={names} mayReport={mayReport(v)} onReported={() => { setSent(true); list.reload(); }} />
                ))}
              </tbody>
            </table>
          )}
          <Committees unit={unit.code} />
        </>
      )}
    </section>
  );
}
