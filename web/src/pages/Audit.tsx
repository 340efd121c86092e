// The audit log (administrators): entries newest first, filtered by the kind
// of record, older entries page by page from `next_before`.
import { useState } from 'preact/hooks';
import { get, type AuditEntry } from '../api';
import { Busy, ErrorBox, Notice } from '../components/Status';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';

const KINDS = ['', 'user', 'session', 'event', 'household', 'person', 'report'];

function change(e: AuditEntry): string {
  const show = (v: unknown) => (v === null || v === undefined ? '∅' : typeof v === 'string' ? v : JSON.stringify(v));
  return `${show(e.before)} → ${show(e.after)}`;
}

export function Audit() {
  const { t, instant } = useI18n();
  const app = useApp();
  const [kind, setKind] = useState('');
  const [before, setBefore] = useState<number[]>([]); // the stack of pages' starts
  const start = before.length ? before[before.length - 1] : undefined;
  const log = useLoad(app.can('read_audit')
    ? () => get<{ entries: AuditEntry[]; next_before: number | null }>('/api/v1/audit', { kind, before: start, limit: 50 })
    : null, [kind, start]);
  if (!app.can('read_audit')) return <Notice testid="audit-forbidden">{t('audit.forbidden')}</Notice>;
  return (
    <section class="page" data-testid="audit-page">
      <h2>{t('audit.title')}</h2>
      <div class="toolbar">
        <label class="inline">
          {t('audit.kind')}{' '}
          <select value={kind} data-testid="audit-kind" onChange={(e) => { setKind((e.target as HTMLSelectElement).value); setBefore([]); }}>
            {KINDS.map((k) => <option key={k} value={k}>{k || t('audit.allKinds')}</option>)}
          </select>
        </label>
      </div>
      <ErrorBox error={log.error} testid="audit-error" onRetry={log.reload} />
      {log.loading && <Busy />}
      {log.data && (
        <>
          <table class="table stack audit-table" data-testid="audit-table">
            <thead>
              <tr><th>{t('audit.seq')}</th><th>{t('audit.at')}</th><th>{t('audit.actor')}</th><th>{t('audit.action')}</th>
                <th>{t('audit.record')}</th><th>{t('audit.change')}</th></tr>
            </thead>
            <tbody>
              {log.data.entries.map((e) => (
                <tr key={e.seq} data-testid={`audit-${e.seq}`}>
                  <td data-label={t('audit.seq')}>{e.seq}</td>
                  <td data-label={t('audit.at')}>{instant(e.at)}</td>
                  <td data-label={t('audit.actor')}>{e.actor}</td>
                  <td data-label={t('audit.action')}>{e.action}</td>
                  <td data-label={t('audit.record')}>{e.kind} {e.record}</td>
                  <td data-label={t('audit.change')} class="audit-change"><code>{change(e)}</code></td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="pager">
            <button type="button" disabled={before.length === 0} data-testid="audit-newer" onClick={() => setBefore(before.slice(0, -1))}>
              ‹ {t('paging.prev')}
            </button>
            <button type="button" disabled={log.data.next_before === null} data-testid="audit-older"
              onClick={() => log.data?.next_before != null && setBefore([...before, log.data.next_before])}>
              {t('audit.more')} ›
            </button>
          </div>
        </>
      )}
    </section>
  );
}
