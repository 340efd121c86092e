// Training (đào tạo, bồi dưỡng) for the unit chosen in the tree and a year:
// per target group and course of each training plan covering the unit, the
// members on the year's last day, those covered, the percent against the
// target and whether it is met, and for one target each unit below it (a
// click away); the spending of the unit's sessions against
// the plan's budget; and, for users who may read names, who in a group
// still needs which course.
import { useState } from 'preact/hooks';
import { get, type TrainingCoverage, type TrainingNeeds } from '../api';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { fetchChildren } from '../components/UnitTree';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';

type Status = 'met' | 'missed' | 'empty';
const statusOf = (r: { percent: number | null; met: boolean }): Status => (r.percent === null ? 'empty' : r.met ? 'met' : 'missed');

function StatusBadge({ status, testid }: { status: Status; testid?: string }) {
  const { t } = useI18n();
  return (
    <span class={`badge target-${status === 'empty' ? 'no_data' : status}`} data-status={status} data-testid={testid}>
      {t(`training.status.${status}`)}
    </span>
  );
}

export function Training() {
  const i18n = useI18n();
  const { t, num, lang } = i18n;
  const app = useApp();
  const unit = app.unit;
  const [text, setText] = useState(String(new Date().getFullYear()));
  const [year, setYear] = useState(text);
  const [group, setGroup] = useState('');
  const [target, setTarget] = useState('');
  const canNames = app.can('read_register');
  const coverage = useLoad(unit ? () => get<TrainingCoverage>('/api/v1/training/coverage', { unit: unit.code, year }) : null,
    [unit?.code, year]);
  const needs = useLoad(unit && canNames && group
    ? () => get<TrainingNeeds>('/api/v1/training/needs', { unit: unit.code, year, group })
    : null, [unit?.code, year, group]);

  const kids = useLoad(unit ? () => fetchChildren(unit.code) : null, [unit?.code]);

  if (!unit) return <Notice>{t('app.chooseUnit')}</Notice>;
  const childUnits = new Map((kids.data ?? []).map((u) => [u.code, u]));
  const drill = (code: string) => {
    const u = childUnits.get(code);
    if (u) app.selectUnit(u, [...app.path, u]);
  };
  const c = coverage.data;
  const groups = new Map<string, string>();
  for (const p of c?.plans ?? [])
    for (const r of p.rows) groups.set(r.group, lang === 'en' && r.group_name_en ? r.group_name_en : r.group_name);
  return (
    <section class="page" data-testid="training-page">
      <h2>{t('training.title', { unit: unit.name })}</h2>
      <form class="toolbar no-print" onSubmit={(e) => { e.preventDefault(); setYear(text.trim()); }}>
        <label class="inline">
          {t('plans.year')}{' '}
          <input value={text} size={6} inputMode="numeric" data-testid="training-year"
            onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" data-testid="training-apply">{t('dash.apply')}</button>
        <span class="spacer" />
        <button type="button" onClick={() => window.print()}>{t('plans.print')}</button>
      </form>
      <ErrorBox error={coverage.error} testid="training-error" onRetry={coverage.reload} />
      {coverage.loading && <Busy />}
      {c && c.plans.length === 0 && <Notice>{t('training.none')}</Notice>}
      {c && c.plans.map((p) => (
        <div key={p.plan} data-testid={`training-plan-${p.plan}`}>
          <p class="muted small">{p.title}</p>
          <h3>{t('training.coverage', { unit: `${c.unit} ${c.unit_name}`, on: c.on })}</h3>
          <div class="table-scroll">
            <table class="table stack training-table" data-testid="training-coverage">
              <thead>
                <tr>
                  <th>{t('training.group')}</th><th>{t('training.course')}</th><th>{t('training.members')}</th>
                  <th>{t('training.covered')}</th><th>{t('training.percent')}</th><th>{t('training.target')}</th>
                  <th>{t('plans.status')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((r) => {
                  const id = `${r.group}-${r.course_kind}`;
                  return (
                    <tr key={id} data-testid={`training-row-${id}`}>
                      <td class="target-name">
                        <strong>{lang === 'en' && r.group_name_en ? r.group_name_en : r.group_name}</strong>
                        <div class="muted small">{r.group}</div>
                      </td>
                      <td data-label={t('training.course')}>
                        <div>{r.course_name}<div class="muted small">{r.course_kind}</div></div>
                      </td>
                      <td data-label={t('training.members')} data-testid={`training-${id}-members`}>{num(r.members)}</td>
                      <td data-label={t('training.covered')} data-testid={`training-${id}-covered`}>{num(r.covered)}</td>
                      <td data-label={t('training.percent')} data-testid={`training-${id}-percent`}>
                        {r.percent === null ? '—' : `${num(r.percent, 1)}%`}
                      </td>
                      <td data-label={t('training.target')}>
                        <span>≥ {num(r.target_percent)}%{r.every_year ? ` ${t('training.everyYear')}` : ` (${r.by_year})`}</span>
                      </td>
                      <td data-label={t('plans.status')}>
                        <StatusBadge status={statusOf(r)} testid={`training-${id}-status`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p class="muted small">{t('training.rule')}</p>
          {p.children.length > 0 && (() => {
            const shown = p.rows.map((r, i) => ({ r, i })).filter(({ r }) => r.members > 0);
            const chosen = shown.find(({ r }) => `${r.group}-${r.course_kind}` === target) ?? shown[0];
            if (!chosen) return null;
            return (
              <>
                <h3>{t('training.children')}</h3>
                <label class="inline no-print">
                  {t('training.target')}{' '}
                  <select data-testid="training-target" value={`${chosen.r.group}-${chosen.r.course_kind}`}
                    onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}>
                    {shown.map(({ r }) => (
                      <option key={`${r.group}-${r.course_kind}`} value={`${r.group}-${r.course_kind}`}>
                        {lang === 'en' && r.group_name_en ? r.group_name_en : r.group_name} — {r.course_kind}
                      </option>
                    ))}
                  </select>
                </label>
                <table class="table stack training-table" data-testid="training-children">
                  <thead>
                    <tr>
                      <th>{t('plans.unit')}</th><th>{t('training.members')}</th><th>{t('training.covered')}</th>
                      <th>{t('training.percent')}</th><th>{t('plans.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.children.map((k) => {
                      const c = k.rows[chosen.i];
                      return (
                        <tr key={k.unit} data-testid={`training-child-${k.unit}`}>
                          <td class="target-name">
                            <span>
                              {childUnits.has(k.unit)
                                ? <a href="#" onClick={(e) => { e.preventDefault(); drill(k.unit); }}
                                    data-testid={`training-drill-${k.unit}`}>{k.name}</a>
                                : k.name}
                              <span class="muted small"> {k.unit}</span>
                            </span>
                          </td>
                          <td data-label={t('training.members')} data-testid={`training-child-${k.unit}-members`}>{num(c.members)}</td>
                          <td data-label={t('training.covered')} data-testid={`training-child-${k.unit}-covered`}>{num(c.covered)}</td>
                          <td data-label={t('training.percent')}>{c.percent === null ? '—' : `${num(c.percent, 1)}%`}</td>
                          <td data-label={t('plans.status')}><StatusBadge status={statusOf(c)} /></td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </>
            );
          })()}
          <h3>{t('training.spending')}</h3>
          <table class="table facts" data-testid="training-spending">
            <tbody>
              <tr>
                <th>{t('training.spentYear', { year: c.year })}</th>
                <td data-testid="training-spent-year" data-value={p.spending.year_vnd}>
                  <span>{num(p.spending.year_vnd)} đ ({t('training.sessions', { n: p.spending.sessions_in_year })})</span>
                </td>
              </tr>
              <tr>
                <th>{t('training.spentToDate')}</th>
                <td data-testid="training-spent-to-date" data-value={p.spending.to_date_vnd}>
                  {num(p.spending.to_date_vnd)} / {num(p.spending.budget_vnd)} đ
                  {p.spending.used_percent !== null && ` (${num(p.spending.used_percent, 1)}%)`}
                </td>
              </tr>
              {p.spending.by_year.map(([y, vnd]) => (
                <tr key={y}><th>{y}</th><td>{num(vnd)} đ</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {c && canNames && groups.size > 0 && (
        <>
          <h3>{t('training.needs')}</h3>
          <label class="inline no-print">
            {t('training.group')}{' '}
            <select data-testid="training-group" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
              <option value="">{t('training.chooseGroup')}</option>
              {[...groups].map(([code, name]) => <option key={code} value={code}>{name}</option>)}
            </select>
          </label>
          <ErrorBox error={needs.error} testid="training-needs-error" onRetry={needs.reload} />
          {needs.loading && <Busy />}
          {needs.data && (
            needs.data.needs.length === 0
              ? <Notice>{t('training.noNeeds')}</Notice>
              : (
                <table class="table stack training-table" data-testid="training-needs">
                  <thead>
                    <tr><th>{t('training.person')}</th><th>{t('plans.unit')}</th><th>{t('training.course')}</th></tr>
                  </thead>
                  <tbody>
                    {needs.data.needs.map((n) => (
                      <tr key={`${n.staff_id}-${n.course_kind}`} data-testid={`training-need-${n.staff_id}-${n.course_kind}`}>
                        <td class="target-name"><span>{n.name} <span class="muted small">#{n.staff_id}</span></span></td>
                        <td data-label={t('plans.unit')}><span>{n.unit_name} <span class="muted small">{n.unit}</span></span></td>
                        <td data-label={t('training.course')}>{n.course_name}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
          )}
          {needs.data && <p class="muted small" data-testid="training-needs-count">{t('training.needsCount', { n: needs.data.count })}</p>}
        </>
      )}
    </section>
  );
}
