// Completeness and timeliness of reports for the unit chosen in the tree:
// every commune (a month) or district (a quarter) below it with where its
// report stands — not started, draft, submitted on time or late by how many
// days, returned with the comment, approved — the reporting and on-time
// rates per district, a chart of both rates over the last 12 periods, and
// the data quality checks of the period on demand.
import { useState } from 'preact/hooks';
import { get, type Completeness as CompletenessData, type CompletenessRates, type DataQuality, type UnitStanding } from '../api';
import { Chart } from '../components/Chart';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { previousMonth, useApp } from '../state';

// The period `n` periods before a month (YYYY-MM) or a quarter (YYYY-Qn).
function periodBefore(period: string, n: number): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const k = Number(q[1]) * 4 + Number(q[2]) - 1 - n;
    return `${Math.floor(k / 4)}-Q${(k % 4) + 1}`;
  }
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const k = Number(m[1]) * 12 + Number(m[2]) - 1 - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

// "2025-06-02T03:00:00Z" as "2025-06-02 03:00 UTC".
function instantText(at: string): string {
  return at.replace('T', ' ').replace(/:\d{2}Z$/, ' UTC');
}

function StandingStatus({ row }: { row: UnitStanding }) {
  const { t, tv } = useI18n();
  const label = row.status === 'not_started' ? t('completeness.status.not_started') : tv('reports.status', row.status);
  return (
    <span class={`badge status-${row.status}`} data-testid={`completeness-status-${row.unit}`} data-status={row.status}>
      {label}
    </span>
  );
}

function Timeliness({ row }: { row: UnitStanding }) {
  const { t } = useI18n();
  if (row.submitted_at)
    return row.on_time
      ? <span class="ok-text" data-testid={`completeness-time-${row.unit}`} data-late="0">{t('completeness.onTime')}</span>
      : <strong class="late-text" data-testid={`completeness-time-${row.unit}`} data-late={row.days_late}>
          {t('completeness.late', { n: row.days_late })}
        </strong>;
  if (row.days_overdue > 0)
    return <strong class="late-text" data-testid={`completeness-time-${row.unit}`} data-overdue={row.days_overdue}>
      {t('completeness.overdue', { n: row.days_overdue })}
    </strong>;
  return <span class="muted" data-testid={`completeness-time-${row.unit}`}>{t('completeness.pending')}</span>;
}

function Quality({ unit, period }: { unit: string; period: string }) {
  const { t, num } = useI18n();
  const [run, setRun] = useState(0);
  const q = useLoad<DataQuality>(run > 0 ? () => get('/api/v1/data-quality', { unit, period }) : null, [unit, period, run]);
  const d = q.data;
  return (
    <div class="card" data-testid="quality">
      <div class="toolbar">
        <h3>{t('completeness.quality')}</h3>
        <span class="spacer" />
        <button type="button" data-testid="quality-run" onClick={() => setRun(run + 1)}>{t('completeness.runQuality')}</button>
      </div>
      <p class="muted small">{t('completeness.qualityRules')}</p>
      <ErrorBox error={q.error} testid="quality-error" onRetry={q.reload} />
      {q.loading && <Busy />}
      {d && (
        <div data-testid="quality-result">
          <h4 data-testid="quality-outliers-count" data-count={d.outliers.length}>{t('completeness.outliers', { n: d.outliers.length })}</h4>
          {d.outliers.length > 0 && (
            <table class="table stack" data-testid="quality-outliers">
              <thead><tr><th>{t('completeness.month')}</th><th>{t('completeness.unit')}</th><th>{t('completeness.value')}</th><th>{t('completeness.band')}</th></tr></thead>
              <tbody>
                {d.outliers.map((o) => (
                  <tr key={`${o.month}/${o.village}/${o.measure}`}>
                    <td data-label={t('completeness.month')}>{o.month}</td>
                    <td data-label={t('completeness.unit')}>{o.name} <span class="muted small">{o.village}</span></td>
                    <td data-label={t('completeness.value')}><strong>{num(o.value)}</strong> {t(`completeness.measure.${o.measure}` as 'completeness.measure.births')}</td>
                    <td data-label={t('completeness.band', { mean: num(o.mean, 1) })}>{num(o.low, 1)} – {num(o.high, 1)} ({num(o.mean, 1)})</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h4>{t('completeness.noPregnancy', { n: num(d.births_without_pregnancy.total), births: num(d.births_without_pregnancy.births) })}</h4>
          {d.births_without_pregnancy.items.length > 0 && (
            <div class="table-scroll short">
              <table class="table stack" data-testid="quality-no-pregnancy">
                <thead><tr><th>{t('completeness.date')}</th><th>{t('completeness.unit')}</th><th>{t('completeness.child')}</th><th>{t('completeness.mother')}</th></tr></thead>
                <tbody>
                  {d.births_without_pregnancy.items.map((b) => (
                    <tr key={b.child}>
                      <td data-label={t('completeness.date')}>{b.date}</td>
                      <td data-label={t('completeness.unit')}>{b.name}</td>
                      <td data-label={t('completeness.child')}>{b.child}</td>
                      <td data-label={t('completeness.mother')}>{b.mother}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{t('completeness.sexRatio', { n: d.sex_ratio.items.length, checked: d.sex_ratio.units_checked })}</h4>
          {d.sex_ratio.items.map((f) => (
            <p key={f.unit}>{f.name}: {num(f.ratio, 1)} ({num(f.boys)}/{num(f.girls)})</p>
          ))}
          <h4 data-testid="quality-silent-count" data-count={d.silent_villages.length}>{t('completeness.silent', { n: d.silent_villages.length })}</h4>
          {d.silent_villages.length > 0 && (
            <p class="small" data-testid="quality-silent">
              {d.silent_villages.map((s) => `${s.month} ${s.name}`).join(' · ')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export function Completeness() {
  const { t, num } = useI18n();
  const app = useApp();
  const unit = app.unit;
  const [draft, setDraft] = useState('');
  const [period, setPeriod] = useState('');
  const [lastUnit, setLastUnit] = useState('');
  if (unit && unit.code !== lastUnit) {
    setLastUnit(unit.code);
    const p = period || previousMonth();
    setPeriod(p);
    setDraft(p);
  }
  const code = unit?.code;
  const c = useLoad<CompletenessData>(code && period ? () => get('/api/v1/report-completeness', { unit: code, period }) : null,
    [code, period]);
  const rates = useLoad<CompletenessRates>(
    code && period ? () => get('/api/v1/report-completeness/rates', { unit: code, from: periodBefore(period, 11), to: period }) : null,
    [code, period]);
  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const data = c.data;
  // A district's own page lists its communes: the district column says nothing there.
  const many = !!data && data.districts.length > 1;
  const chart = rates.data && {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: rates.data.periods.map((p) => p.period) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: t('completeness.reportingRate'), type: 'line', data: rates.data.periods.map((p) => p.reporting_rate) },
      { name: t('completeness.onTimeRate'), type: 'line', data: rates.data.periods.map((p) => p.on_time_rate) },
    ],
  };
  return (
    <section class="page" data-testid="completeness-page">
      <h2>{t('completeness.title', { unit: unit.name })}</h2>
      <form class="card toolbar" onSubmit={(e) => { e.preventDefault(); setPeriod(draft.trim()); }}>
        <label class="inline">
          {t('completeness.period')}{' '}
          <input value={draft} size={9} data-testid="completeness-period" onInput={(e) => setDraft((e.target as HTMLInputElement).value)} />
        </label>
        <span class="muted small">{t('completeness.periodHint')}</span>
        <button type="submit" class="primary" data-testid="completeness-show">{t('completeness.show')}</button>
      </form>
      <ErrorBox error={c.error} testid="completeness-error" onRetry={c.reload} />
      {c.loading && <Busy />}
      {data && (
        <>
          <p data-testid="completeness-due">{t('completeness.due', { due: data.due, province: data.province })}</p>
          <div class="table-scroll">
            <table class="table stack" data-testid="completeness-table">
              <thead>
                <tr>
                  {many && <th>{t('completeness.district')}</th>}<th>{t('completeness.unit')}</th><th>{t('completeness.status')}</th>
                  <th>{t('completeness.submitted')}</th><th>{t('completeness.timeliness')}</th><th>{t('completeness.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.unit} data-testid={`completeness-row-${r.unit}`}
                    class={r.status === 'returned' || r.days_late > 0 || r.days_overdue > 0 ? 'attention' : ''}>
                    {many && <td data-label={t('completeness.district')}>{r.district_name ?? ''}</td>}
                    <td data-label={t('completeness.unit')}>
                      {r.report ? <a href={`#/reports/${r.report}`}>{r.name}</a> : r.name}
                    </td>
                    <td data-label={t('completeness.status')}><StandingStatus row={r} /></td>
                    <td data-label={t('completeness.submitted')}>{r.submitted_at ? instantText(r.submitted_at) : '—'}</td>
                    <td data-label={t('completeness.timeliness')}><Timeliness row={r} /></td>
                    <td data-label={t('completeness.comment')}>
                      {r.return_comment && <q data-testid={`completeness-comment-${r.unit}`}>{r.return_comment}</q>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('completeness.rates')}</h3>
          <table class="table stack" data-testid="completeness-rates">
            <thead>
              <tr>
                <th>{t('completeness.district')}</th><th>{t('completeness.expected')}</th><th>{t('completeness.reported')}</th>
                <th>{t('completeness.reportingRate')}</th><th>{t('completeness.onTime')}</th><th>{t('completeness.onTimeRate')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.districts.map((d) => ({ ...d, key: d.unit, label: d.name })), { ...data.total, key: 'total', label: t('completeness.all') }].map((d) => (
                <tr key={d.key} data-testid={`completeness-rate-${d.key}`}>
                  <th scope="row" data-label={t('completeness.district')}>{d.label}</th>
                  <td data-label={t('completeness.expected')}>{num(d.expected)}</td>
                  <td data-label={t('completeness.reported')}>{num(d.reported)}</td>
                  <td data-label={t('completeness.reportingRate')} data-testid={`completeness-rate-${d.key}-reporting`}>{num(d.reporting_rate, 1)}%</td>
                  <td data-label={t('completeness.onTime')}>{num(d.on_time)}</td>
                  <td data-label={t('completeness.onTimeRate')} data-testid={`completeness-rate-${d.key}-on-time`}>{num(d.on_time_rate, 1)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {chart && (
        <>
          <h3>{t('completeness.trend')}</h3>
          <Chart option={chart} height={240} testid="completeness-chart" />
        </>
      )}
      <ErrorBox error={rates.error} testid="completeness-rates-error" />
      {period && <Quality unit={unit.code} period={period} />}
    </section>
  );
}
