// A plan's targets for the unit chosen in the tree and a year: every target
// worst first with its value, goal, the value on the straight path, the gap,
// the status and its reason, and a small chart of the indicator over the
// years the register covers; then the units below judged the same way,
// worst first, each a click away (drill-down as on the dashboard).
import { useState } from 'preact/hooks';
import { get, put, withQuery, type ApiError, type BudgetReport, type PlanProgress, type PlanSummary, type TargetRow, type TargetStatus, type Unit } from '../api';
import { Chart, type ChartOption } from '../components/Chart';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren } from '../components/UnitTree';
import { toApiError, useLoad } from '../hooks';
import { hasKey, useI18n, type I18n } from '../i18n';
import { navigate } from '../router';
import { useApp } from '../state';

const STATUSES: TargetStatus[] = ['missed', 'off_track', 'at_risk', 'no_data', 'undefined', 'on_track', 'met'];

function statusText(i18n: I18n, s: TargetStatus): string {
  const key = `plans.status.${s}`;
  return hasKey(key) ? i18n.t(key) : s;
}

function TargetBadge({ status, title, testid }: { status: TargetStatus; title?: string; testid?: string }) {
  const i18n = useI18n();
  return <span class={`badge target-${status}`} title={title} data-testid={testid} data-status={status}>{statusText(i18n, status)}</span>;
}

function goalText(i18n: I18n, r: TargetRow): string {
  if (!r.goal) return '';
  const key = `plans.kind.${r.goal.kind}`;
  const kind = hasKey(key) ? i18n.t(key) : r.goal.kind;
  const value = r.goal.value === null ? '—' : i18n.num(r.goal.value, 2);
  const tol = r.goal.tolerance ? ` ±${i18n.num(r.goal.tolerance, 2)}` : '';
  return `${r.goal.year}: ${kind} ${value}${tol}`;
}

function sparkOption(points: [number, number | null][]): ChartOption {
  return {
    grid: { left: 2, right: 2, top: 4, bottom: 4 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', show: false, data: points.map((p) => String(p[0])) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', symbolSize: 4, connectNulls: false, data: points.map((p) => p[1]), color: '#0f5f8c' }],
  };
}

function Targets({ rows, trend }: { rows: TargetRow[]; trend?: PlanProgress['trend'] }) {
  const i18n = useI18n();
  const { t, num, lang } = i18n;
  return (
    <div class="table-scroll">
      <table class="table stack plan-table" data-testid="plan-targets">
        <thead>
          <tr>
            <th>{t('plans.target')}</th><th>{t('plans.baseline')}</th><th>{t('plans.value')}</th><th>{t('plans.goal')}</th>
            <th>{t('plans.expected')}</th><th>{t('plans.gap')}</th><th>{t('plans.status')}</th><th>{t('plans.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const reason = lang === 'en' ? r.reason_en : r.reason;
            const points = trend?.[r.key];
            return (
              <tr key={r.key} data-testid={`target-${r.key}`}>
                <td class="target-name">
                  <strong>{lang === 'en' && r.name_en ? r.name_en : r.name}</strong>
                  <div class="muted small">{r.indicator ?? t('plans.manual')}{r.measure_unit ? ` · ${r.measure_unit}` : ''}</div>
                </td>
                <td data-label={t('plans.baseline')}>
                  {r.baseline.value === null ? '—' : `${num(r.baseline.value, 2)} (${r.baseline.year})`}
                </td>
                <td data-label={t('plans.value')} data-testid={`target-${r.key}-value`} data-value={r.value ?? ''}>{num(r.value, 2)}</td>
                <td data-label={t('plans.goal')}>{goalText(i18n, r)}</td>
                <td data-label={t('plans.expected')}>{num(r.expected, 2)}</td>
                <td data-label={t('plans.gap')}>{num(r.gap, 2)}</td>
                <td data-label={t('plans.status')}>
                  <TargetBadge status={r.status} title={reason} testid={`target-${r.key}-status`} />
                  <div class="small muted">{reason}</div>
                  {r.outlook && (
                    <div class="small" data-testid={`target-${r.key}-outlook`}>
                      {t('plans.outlook', { year: r.outlook.year, value: num(Math.round(r.outlook.population), 0),
                        meets: t(r.outlook.meets_goal ? 'plans.meets' : 'plans.misses') })}
                    </div>
                  )}
                </td>
                <td data-label={t('plans.trend')} class="spark-cell">
                  {points && points.some((p) => p[1] !== null) &&
                    <Chart option={sparkOption(points)} height={40} testid={`target-${r.key}-trend`} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Plans({ planId }: { planId?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const app = useApp();
  const unit = app.unit;
  const [text, setText] = useState(String(new Date().getFullYear() - 1));
  const [year, setYear] = useState(text);
  const plans = useLoad(() => get<{ plans: PlanSummary[] }>('/api/v1/plans'), []);
  const list = plans.data?.plans ?? [];
  const chosen = list.find((p) => String(p.id) === planId) ?? list[0];
  const progress = useLoad(chosen && unit
    ? () => get<PlanProgress>(`/api/v1/plans/${chosen.id}/progress`, { unit: unit.code, year })
    : null, [chosen?.id, unit?.code, year]);
  const kids = useLoad(unit ? () => fetchChildren(unit.code) : null, [unit?.code]);
  const budgets = useLoad(unit ? () => get<BudgetReport>('/api/v1/budgets', { unit: unit.code, year }) : null,
    [unit?.code, year]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const childUnits = new Map<string, Unit>((kids.data ?? []).map((u) => [u.code, u]));
  const drill = (code: string) => {
    const u = childUnits.get(code);
    if (u) app.selectUnit(u, [...app.path, u]);
  };
  const p = progress.data;
  return (
    <section class="page" data-testid="plans-page">
      <h2>{t('plans.title', { unit: unit.name })}</h2>
      <ErrorBox error={plans.error} testid="plans-error" onRetry={plans.reload} />
      {plans.loading && <Busy />}
      {plans.data && list.length === 0 && <Notice>{t('plans.none')}</Notice>}
      {chosen && (
        <form class="toolbar no-print" onSubmit={(e) => { e.preventDefault(); setYear(text.trim()); }}>
          <label class="inline">
            {t('plans.plan')}{' '}
            <select data-testid="plan-select" value={String(chosen.id)}
              onChange={(e) => navigate('plans', (e.target as HTMLSelectElement).value)}>
              {list.map((x) => <option key={x.id} value={String(x.id)}>{x.number} — {x.unit_name}</option>)}
            </select>
          </label>
          <label class="inline">
            {t('plans.year')}{' '}
            <input value={text} size={6} inputMode="numeric" data-testid="plan-year"
              onInput={(e) => setText((e.target as HTMLInputElement).value)} />
          </label>
          <button type="submit" data-testid="plan-apply">{t('dash.apply')}</button>
          <span class="spacer" />
          <a class="button" href={withQuery('/api/v1/yearly-report', { unit: unit.code, year, format: 'xlsx' })} download
            data-testid="yearly-xlsx">{t('plans.yearlyXlsx')}</a>
          <a class="button" href={withQuery('/api/v1/yearly-report', { unit: unit.code, year, format: 'html' })}
            target="_blank" rel="noopener" data-testid="yearly-html">{t('plans.yearlyHtml')}</a>
          <button type="button" onClick={() => window.print()}>{t('plans.print')}</button>
        </form>
      )}
      {chosen && <p class="muted small" data-testid="plan-title">{chosen.title} ({chosen.issuer}; {chosen.start} – {chosen.end})</p>}
      <ErrorBox error={progress.error} testid="plan-error" onRetry={progress.reload} />
      {progress.loading && <Busy />}
      {p && (
        <>
          <h3 data-testid="plan-unit">{p.unit} {p.unit_name}, {p.year}</h3>
          <Targets rows={p.targets} trend={p.trend} />
          <p class="muted small">{t('plans.rule')}</p>
          {p.children && p.children.length > 0 && (
            <>
              <h3>{t('plans.children')}</h3>
              <table class="table stack" data-testid="plan-children">
                <thead>
                  <tr><th>{t('plans.unit')}</th><th>{t('plans.worst')}</th><th>{t('plans.counts')}</th></tr>
                </thead>
                <tbody>
                  {p.children.map((c) => {
                    const counts = STATUSES.map((s) => [s, c.targets.filter((x) => x.status === s).length] as const)
                      .filter(([, n]) => n > 0);
                    return (
                      <tr key={c.unit} data-testid={`plan-child-${c.unit}`}>
                        <td data-label={t('plans.unit')}>
                          {childUnits.has(c.unit)
                            ? <a href="#" onClick={(e) => { e.preventDefault(); drill(c.unit); }} data-testid={`plan-drill-${c.unit}`}>{c.name}</a>
                            : c.name}
                          <span class="muted small"> {c.unit}</span>
                        </td>
                        <td data-label={t('plans.worst')}><TargetBadge status={c.worst} /></td>
                        <td data-label={t('plans.counts')} class="count-cell">
                          {counts.map(([s, n]) => <span key={s} class="count-chip"><TargetBadge status={s} /> {n}</span>)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
      {budgets.data && budgets.data.units.length > 0 && (
        <>
          <h3>{t('plans.budgets', { floor: i18n.num(budgets.data.floor_percent, 2) })}</h3>
          <table class="table stack" data-testid="plan-budgets">
            <thead>
              <tr>
                <th>{t('plans.unit')}</th><th>{t('plans.regular')}</th><th>{t('plans.population')}</th>
                <th>{t('plans.share')}</th><th>{t('plans.status')}</th>
              </tr>
            </thead>
            <tbody>
              {budgets.data.units.map((b) => (
                <tr key={b.unit} data-testid={`budget-${b.unit}`}>
                  <td data-label={t('plans.unit')}>{b.name} <span class="muted small">{b.unit}</span></td>
                  <td data-label={t('plans.regular')}>{i18n.num(b.regular_spending_vnd)}</td>
                  <td data-label={t('plans.population')}>{i18n.num(b.population_spending_vnd)}</td>
                  <td data-label={t('plans.share')}>{b.share_percent === null ? '—' : `${i18n.num(b.share_percent, 3)}%`}</td>
                  <td data-label={t('plans.status')}>
                    <span class={`badge budget-${b.status}`} data-status={b.status}>{t(`plans.budget.${b.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {app.can('import') && <BudgetForm units={budgets.data.units} year={Number(year)} onSaved={budgets.reload} />}
        </>
      )}
    </section>
  );
}

// One district's or commune's figures for the year, entered by hand (PUT /api/v1/budgets).
function BudgetForm({ units, year, onSaved }: { units: BudgetReport['units']; year: number; onSaved: () => void }) {
  const { t } = useI18n();
  const [unit, setUnit] = useState(units[0]?.unit ?? '');
  const [regular, setRegular] = useState('');
  const [population, setPopulation] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  // Whole đồng; the dots and spaces of "1.500.000.000" are left out.
  const amount = (text: string) => Number(text.replace(/[.\s,]/g, ''));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await put('/api/v1/budgets', { unit, year, regular_spending_vnd: amount(regular), population_spending_vnd: amount(population), note });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="toolbar budget-form" onSubmit={submit} data-testid="budget-form">
      <strong>{t('plans.budgetEnter', { year })}</strong>
      <select value={unit} data-testid="budget-unit" onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
        {units.map((u) => <option key={u.unit} value={u.unit}>{u.name} ({u.unit})</option>)}
      </select>
      <label class="inline">{t('plans.regular')}{' '}
        <input inputMode="numeric" size={16} value={regular} data-testid="budget-regular" required
          onInput={(e) => setRegular((e.target as HTMLInputElement).value)} /></label>
      <label class="inline">{t('plans.population')}{' '}
        <input inputMode="numeric" size={14} value={population} data-testid="budget-population" required
          onInput={(e) => setPopulation((e.target as HTMLInputElement).value)} /></label>
      <label class="inline">{t('plans.note')}{' '}
        <input size={20} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" disabled={busy} data-testid="budget-save">{t('plans.budgetSave')}</button>
      {saved && <span class="muted small" data-testid="budget-saved">{t('plans.budgetSaved')}</span>}
      <ErrorBox error={error} testid="budget-error" />
    </form>
  );
}
