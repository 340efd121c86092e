// Reports: the commune's monthly report and yearly form 03-DSX, the district's quarterly form
// 01-DSH, computed from the register; the workflow draft → submitted →
// approved or returned, buttons shown by permission and status; history, the
// difference from the approved version, the form as .xlsx and as a printable
// page (docs/forms.md); a district prints all its communes' monthly or yearly forms.
import { useState } from 'preact/hooks';
import { get, post, type ApiError, type Paged, type Report, type ReportSummary } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { toApiError, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { currentMonth, useApp } from '../state';

function currentQuarter(d = new Date()): string {
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
}

function StatusBadge({ status, testid }: { status: string; testid?: string }) {
  const { tv } = useI18n();
  return (
    <span class={`badge status-${status}`} data-testid={testid} data-status={status}>
      {tv('reports.status', status)}
    </span>
  );
}

// Runs one workflow action, then shows the report as the server left it.
function useAction(reload: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (name: string, f: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      await f();
      reload();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}

function ReportView({ id }: { id: string }) {
  const { t, tv, lang, num, instant } = useI18n();
  const app = useApp();
  const r = useLoad(() => get<Report>(`/api/v1/reports/${encodeURIComponent(id)}`), [id]);
  const action = useAction(r.reload);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const rep = r.data;
  const back = (
    <a href="#/reports" data-testid="report-back">{t('reports.back')}</a>
  );
  if (r.error) return <section class="page">{back}<ErrorBox error={r.error} testid="report-error" onRetry={r.reload} /></section>;
  if (!rep) return <section class="page">{back}<Busy /></section>;

  const changed = new Map(rep.diff.map((d) => [`${d.unit}/${d.column}`, d]));
  // In Vietnamese the form's own label ("- Triệt sản nữ"), else the column's.
  const label = (c: { label_vi: string; label_en: string; form_label?: string }) =>
    (lang === 'vi' ? c.form_label ?? c.label_vi : c.label_en);
  const columnLabel = (key: string) => {
    // The column's own label: a sub-row's form label needs its parent row.
    const c = rep.columns.find((x) => x.key === key);
    return c ? (lang === 'vi' ? c.label_vi : c.label_en) : key;
  };
  const rowName = (unit: string) => rep.rows.find((x) => x.unit === unit)?.name ?? unit;
  const canSubmit = app.can('submit_report') && (rep.status === 'draft' || rep.status === 'returned');
  // The level above approves: the caller's unit is an ancestor of the report's.
  const canReview = app.can('approve_report') && rep.status === 'submitted' && rep.unit !== app.session.user.unit;
  const canRecompute = app.can('submit_report') && rep.status !== 'submitted' && rep.unit !== undefined;
  const lastReturn = [...rep.history].reverse().find((h) => h.action === 'return');
  const recompute = () => action.run('compute', async () => {
    const fresh = await post<Report>('/api/v1/reports', { unit: rep.unit, period: rep.period });
    if (fresh?.id !== undefined && String(fresh.id) !== id) navigate('reports', fresh.id);
  });

  return (
    <section class="page" data-testid="report-page" data-report-id={rep.id}>
      {back}
      <h2 data-testid="report-heading">
        {t('reports.heading', { form: tv('reports.form', rep.form), unit: rep.unit_name, period: rep.period, version: rep.version })}
      </h2>
      <div class="toolbar">
        <span>{t('reports.status')}: <StatusBadge status={rep.status} testid="report-status" /></span>
        <span class="spacer" />
        <a class="button" href={`/api/v1/reports/${rep.id}/form.html`} target="_blank" rel="noopener" data-testid="report-print">
          {t('reports.print')}
        </a>
        <a class="button" href={`/api/v1/reports/${rep.id}/export.xlsx`} download data-testid="report-download">
          {t('reports.download')}
        </a>
      </div>
      {rep.status === 'returned' && lastReturn && (
        <div class="notice returned-notice" role="alert" data-testid="report-returned-comment">
          {t('reports.returnedNotice', { at: lastReturn.at, user: lastReturn.user, comment: lastReturn.comment ?? '' })}
        </div>
      )}
      {action.busy === 'compute' && <Busy text={t('reports.computing')} testid="report-busy" />}
      <ErrorBox error={action.error} testid="report-action-error" />
      {rep.diff.length > 0 && <Notice testid="report-diff-count">{t('reports.diffCount', { n: rep.diff.length })}</Notice>}
      <div class="table-scroll">
        <table class="table report-table" data-testid="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.indicatorCol')}</th>
              <th scope="col" class="uom">{t('reports.unitOfMeasure')}</th>
              <th scope="col">{t('reports.total')}</th>
              {rep.rows.map((row) => (
                <th key={row.unit} scope="col" data-testid={`report-row-${row.unit}`}>{row.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rep.columns.map((c, i) => {
              // The form's "Trong đó:" line before the first sub-row of a row.
              const opens = c.sub && !rep.columns[i - 1]?.sub;
              return [
                opens && (
                  <tr key={`${c.key}-among`} class="among">
                    <th scope="row" class="sub">{t('reports.amongThem')}</th>
                    <td colSpan={rep.rows.length + 2} />
                  </tr>
                ),
                <tr key={c.key} class={c.sub ? 'sub' : ''}>
                  <th scope="row" data-testid={`report-col-${c.key}`}>
                    {c.number && <span class="line-number">{c.number}</span>}{c.number && ' '}
                    {label(c)}
                  </th>
                  <td class="uom">{c.unit_of_measure ?? ''}</td>
                  <td class="total" data-testid={`report-total-${c.key}`}>{num(rep.total[c.key])}</td>
                  {rep.rows.map((row) => {
                    const d = changed.get(`${row.unit}/${c.key}`);
                    return (
                      <td key={row.unit} class={d ? 'changed' : ''} data-testid={`report-cell-${row.unit}-${c.key}`}
                        title={d ? `${t('reports.before')}: ${num(d.before)} → ${t('reports.after')}: ${num(d.after)}` : undefined}>
                        {num(row.values[c.key])}
                      </td>
                    );
                  })}
                </tr>,
              ];
            })}
          </tbody>
        </table>
      </div>
      {(canSubmit || canReview || canRecompute) && (
        <div class="card workflow">
          {canReview && (
            <label class="block">
              {t('reports.comment')}
              <textarea value={comment} rows={2} data-testid="report-comment"
                onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            </label>
          )}
          <div class="actions">
            {canRecompute && (
              <button type="button" disabled={!!action.busy} data-testid="report-recompute" onClick={recompute}>
                {t('reports.recompute')}
              </button>
            )}
            {canSubmit && !confirming && (
              <button type="button" class="primary" disabled={!!action.busy} data-testid="report-submit"
                onClick={() => setConfirming(true)}>
                {t('reports.submit')}
              </button>
            )}
            {canReview && (
              <>
                <button type="button" class="primary" disabled={!!action.busy} data-testid="report-approve"
                  onClick={() => action.run('approve', () => post(`/api/v1/reports/${rep.id}/approve`, { comment }))}>
                  {t('reports.approve')}
                </button>
                <button type="button" class="danger" disabled={!!action.busy} data-testid="report-return"
                  onClick={() => action.run('return', () => post(`/api/v1/reports/${rep.id}/return`, { comment }))}>
                  {t('reports.return')}
                </button>
              </>
            )}
          </div>
          {canSubmit && confirming && (
            <div class="confirm" role="alertdialog" data-testid="report-submit-confirmation">
              <p>{t('reports.confirmSubmit', { period: rep.period })}</p>
              <div class="actions">
                <button type="button" class="primary" disabled={!!action.busy} data-testid="report-submit-confirm"
                  onClick={() => action.run('submit', async () => {
                    setConfirming(false);
                    await post(`/api/v1/reports/${rep.id}/submit`, {});
                  })}>
                  {t('reports.confirmYes')}
                </button>
                <button type="button" data-testid="report-submit-cancel" onClick={() => setConfirming(false)}>
                  {t('reports.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {rep.diff.length > 0 && (
        <>
          <h3>{t('reports.diff')}</h3>
          <table class="table stack" data-testid="report-diff">
            <thead>
              <tr><th>{t('reports.unitCol')}</th><th>{t('reports.column')}</th><th>{t('reports.before')}</th><th>{t('reports.after')}</th></tr>
            </thead>
            <tbody>
              {rep.diff.map((d) => (
                <tr key={`${d.unit}/${d.column}`}>
                  <td data-label={t('reports.unitCol')}>{rowName(d.unit)}</td>
                  <td data-label={t('reports.column')}>{columnLabel(d.column)}</td>
                  <td data-label={t('reports.before')}>{num(d.before)}</td>
                  <td data-label={t('reports.after')} class="changed">{num(d.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('reports.history')}</h3>
      <ol class="history" data-testid="report-history">
        {rep.history.map((h, i) => (
          <li key={i} data-testid={`report-history-${i}`} data-action={h.action}>
            <time dateTime={h.at}>{instant(h.at)}</time> · <strong>{tv('reports.action', h.action)}</strong> · {h.user}
            {h.comment && <q>{h.comment}</q>}
          </li>
        ))}
      </ol>
    </section>
  );
}

// The officer's things to do: their unit's returned reports with the level
// above's comment, and drafts not yet submitted.
function ToDo({ unit }: { unit: string }) {
  const { t } = useI18n();
  const todo = useLoad(async () => {
    const [returned, drafts] = await Promise.all([
      get<Paged & { items: ReportSummary[] }>('/api/v1/reports', { unit, status: 'returned', per_page: 100 }),
      get<Paged & { items: ReportSummary[] }>('/api/v1/reports', { unit, status: 'draft', per_page: 100 }),
    ]);
    // The unit's own reports (the list holds its subtree's); a draft of the
    // month or quarter still running is not due yet.
    const own = (r: ReportSummary) => r.unit === unit;
    const running = new Set([currentMonth(), currentQuarter()]);
    const full = await Promise.all(returned.items.filter(own).map((r) => get<Report>(`/api/v1/reports/${r.id}`)));
    return { returned: full, drafts: drafts.items.filter((r) => own(r) && !running.has(r.period)) };
  }, [unit]);
  const d = todo.data;
  if (!d || (d.returned.length === 0 && d.drafts.length === 0)) return null;
  return (
    <div class="card" data-testid="todo">
      <h3>{t('reports.todo')}</h3>
      <ul class="todo">
        {d.returned.map((r) => {
          const ret = [...r.history].reverse().find((h) => h.action === 'return');
          return (
            <li key={r.id} data-testid={`todo-returned-${r.id}`}>
              <span class="badge status-returned">{r.unit_name}</span>{' '}
              <a href={`#/reports/${r.id}`}>{t('reports.todoReturned', { period: r.period, comment: ret?.comment ?? '' })}</a>
            </li>
          );
        })}
        {d.drafts.map((r) => (
          <li key={r.id} data-testid={`todo-draft-${r.id}`}>
            <span class="badge status-draft">{r.unit_name}</span>{' '}
            <a href={`#/reports/${r.id}`}>{t('reports.todoDraft', { period: r.period })}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReportList() {
  const { t, tv, instant } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const formUnit = unit && (unit.kind === 'commune' || unit.kind === 'district');
  const [period, setPeriod] = useState('');
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [printMonth, setPrintMonth] = useState(currentMonth());
  const [lastUnit, setLastUnit] = useState('');
  if (unit && unit.code !== lastUnit) {
    setLastUnit(unit.code);
    setPeriod(unit.kind === 'district' ? currentQuarter() : currentMonth());
    setError(null);
  }
  const query = { unit: unit?.code, per_page: 100 };
  const list = useLoad<Paged & { items: ReportSummary[] }>(unit ? () => get('/api/v1/reports', query) : null, [unit?.code]);
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const compute = async (e: Event) => {
    e.preventDefault();
    setComputing(true);
    setError(null);
    try {
      const r = await post<Report>('/api/v1/reports', { unit: unit.code, period });
      navigate('reports', r.id);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setComputing(false);
    }
  };
  return (
    <section class="page" data-testid="reports-page">
      <h2>{t('reports.title', { unit: unit.name })}</h2>
      {!formUnit && <Notice testid="reports-need-unit">{t('reports.needUnit')}</Notice>}
      {formUnit && app.can('submit_report') && <ToDo unit={unit.code} />}
      {formUnit && app.can('submit_report') && (
        <form class="card toolbar" onSubmit={compute} data-testid="report-form">
          <label class="inline">
            {t('reports.period')}{' '}
            <input value={period} data-testid="report-period" size={9}
              onInput={(e) => setPeriod((e.target as HTMLInputElement).value)} />
          </label>
          <span class="muted small">
            {unit.kind === 'district' ? t('reports.periodHintQuarter') : t('reports.periodHintMonth')}
          </span>
          <button type="submit" class="primary" disabled={computing} data-testid="report-compute">
            {t('reports.compute')}
          </button>
        </form>
      )}
      {computing && <Busy text={t('reports.computing')} testid="report-busy" />}
      <ErrorBox error={error} testid="report-compute-error" />
      {unit.kind === 'district' && (
        <div class="card toolbar" data-testid="report-print-all">
          <label class="inline">
            {t('reports.printMonth')}{' '}
            <input value={printMonth} data-testid="report-print-month" size={9}
              onInput={(e) => setPrintMonth((e.target as HTMLInputElement).value)} />
          </label>
          <a class="button" target="_blank" rel="noopener" data-testid="report-print-all-link"
            href={`/api/v1/report-forms.html?unit=${encodeURIComponent(unit.code)}&period=${encodeURIComponent(printMonth)}`}>
            {t('reports.printAll')}
          </a>
        </div>
      )}
      <div class="toolbar">
        <h3>{t('reports.list')}</h3>
        <span class="spacer" />
        <ExportButtons path="/api/v1/reports" query={query} testid="reports-export" />
      </div>
      <ErrorBox error={list.error} testid="reports-error" onRetry={list.reload} />
      {list.loading && <Busy />}
      {list.data && (
        <table class="table stack" data-testid="reports-table">
          <thead>
            <tr>
              <th>{t('reports.unitCol')}</th><th>{t('reports.period')}</th><th>{t('reports.version')}</th>
              <th>{t('reports.status')}</th><th>{t('reports.updated')}</th><th>{t('col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((r) => (
              <tr key={r.id} data-testid={`report-item-${r.id}`}>
                <td data-label={t('reports.unitCol')}>{r.unit_name} <span class="muted small">{tv('reports.form', r.form)}</span></td>
                <td data-label={t('reports.period')}>{r.period}</td>
                <td data-label={t('reports.version')}>{r.version}</td>
                <td data-label={t('reports.status')}><StatusBadge status={r.status} testid={`report-item-status-${r.id}`} /></td>
                <td data-label={t('reports.updated')}>{instant(r.updated_at)}</td>
                <td class="row-actions"><a class="button small" href={`#/reports/${r.id}`} data-testid={`report-open-${r.id}`}>{t('reports.open')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && list.data.items.length === 0 && <p class="muted">{t('app.none')}</p>}
    </section>
  );
}

export function Reports({ reportId }: { reportId?: string }) {
  return reportId ? <ReportView id={reportId} /> : <ReportList />;
}
