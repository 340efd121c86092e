// The outbox (offline/outbox.ts): the slips (and household or person
// records) made without a connection, or whose answer was lost, waiting in
// the browser until the server has them. Each shows its state: waiting,
// being sent, or refused with the server's message; a slip refused (or still
// waiting) is opened in the slip form for correction; any is discarded after
// a confirmation (a refused household or person change is made again in the
// register's form). Sent by itself when the
// connection returns; "send now" tries at once.
import { useEffect, useState } from 'preact/hooks';
import { Notice } from '../components/Status';
import { useI18n } from '../i18n';
import { discard, type OutboxItem } from '../offline/outbox';
import { keptPersonNames } from '../offline/pickerCache';
import { sendOutbox } from '../offline/sender';
import { useOnline, useOutbox } from '../offline/useOutbox';
import { navigate } from '../router';
import { useApp } from '../state';

function ItemRow({ item, names }: { item: OutboxItem; names: Map<number, string> }) {
  const { t, tv, lang, date, instant } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const b = item.body;
  const child = b.child as { name?: string } | undefined;
  const named = names.get(Number(b.person_id));
  const who = child?.name ? t('outbox.newborn', { name: child.name })
    : b.person_id ? (named ? `${named} (${t('outbox.person', { id: String(b.person_id) })})` : t('outbox.person', { id: String(b.person_id) })) : '';
  const e = item.error;
  // A household's or a person's record: what changed, and which record.
  const record = /\/(\d+)$/.exec(item.path)?.[1];
  const title = item.kind === 'slip' ? tv('event', String(b.type ?? ''))
    : item.kind === 'household'
      ? (record ? t('outbox.householdChange', { id: record }) : t('outbox.householdNew'))
      : (record ? t('outbox.personChange', { id: record }) : t('outbox.personNew', { name: String(b.name ?? '') }));
  const fields = item.kind === 'slip' ? '' : Object.keys(b).map((k) => tv('field', k)).join(', ');
  return (
    <li class={`outbox-item ${item.state}`} data-testid={`outbox-item-${item.key}`} data-state={item.state}
      data-kind={item.kind}>
      <div class="outbox-head">
        <strong>{title}</strong>
        <span class={`state-badge ${item.state}`} data-testid="outbox-state">{t(`outbox.state.${item.state}`)}</span>
      </div>
      {item.kind === 'slip' ? (
        <div class="muted">
          {date(String(b.date ?? ''))}{who && <> · {who}</>}{b.village_code ? <> · {t('outbox.village', { code: String(b.village_code) })}</> : null}
        </div>
      ) : <div class="muted">{fields}</div>}
      <div class="muted small">{t('outbox.made', { at: instant(item.created_at) })}{item.attempts > 0 && <> · {t('outbox.attempts', { n: item.attempts })}</>}</div>
      {e && (
        <div class="error-box" role="alert" data-testid="outbox-error">
          {lang === 'vi' ? e.message_vi : e.message_en}
          {e.issues.length > 1 && (
            <ul>
              {e.issues.map((i, n) => (
                <li key={n}>{i.field ? `${tv('field', i.field)}: ` : ''}{lang === 'vi' ? i.message_vi : i.message_en}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {confirming ? (
        <div class="actions" role="alertdialog" data-testid="outbox-discard-confirmation">
          <span>{t('outbox.discardConfirm')}</span>
          <button type="button" class="danger" data-testid="outbox-discard-yes" onClick={() => void discard(item.key)}>
            {t('outbox.discardYes')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>{t('app.cancel')}</button>
        </div>
      ) : item.state !== 'sending' && (
        <div class="actions">
          {item.kind === 'slip' && (
            <button type="button" class={item.state === 'refused' ? 'primary' : ''} data-testid="outbox-open"
              onClick={() => navigate('slips', item.key)}>{t('outbox.open')}</button>
          )}
          <button type="button" data-testid="outbox-discard" onClick={() => setConfirming(true)}>{t('outbox.discard')}</button>
        </div>
      )}
    </li>
  );
}

export function Outbox() {
  const { t } = useI18n();
  const app = useApp();
  const online = useOnline();
  const items = useOutbox(app.session.user.id);
  const [sending, setSending] = useState(false);
  // Who the slips name, from the villages kept on the phone.
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => { keptPersonNames(app.session.user.id).then(setNames, () => {}); }, [app.session.user.id]);
  const waiting = items?.filter((i) => i.state !== 'refused').length ?? 0;
  const refused = items?.filter((i) => i.state === 'refused').length ?? 0;
  return (
    <section class="page outbox-page" data-testid="outbox-page">
      <h2>{t('outbox.title')}</h2>
      <p data-testid="outbox-summary" data-waiting={waiting} data-refused={refused}>
        {t('outbox.summary', { n: waiting })}{refused > 0 && <> {t('outbox.summaryRefused', { n: refused })}</>}
      </p>
      {online ? (
        <p class="muted">{t('outbox.onlineHint')}</p>
      ) : (
        <Notice testid="outbox-offline">{t('outbox.offlineHint')}</Notice>
      )}
      <div class="actions">
        <button type="button" class="primary" data-testid="outbox-send" disabled={!online || sending || waiting === 0}
          onClick={() => { setSending(true); void sendOutbox().finally(() => setSending(false)); }}>
          {sending ? t('app.busy') : t('outbox.sendNow')}
        </button>
        <button type="button" data-testid="outbox-new-slip" onClick={() => navigate('slips')}>{t('outbox.newSlip')}</button>
      </div>
      {items && items.length === 0 && <p class="muted" data-testid="outbox-empty">{t('outbox.empty')}</p>}
      <ul class="outbox-list" data-testid="outbox-list">
        {items?.map((i) => <ItemRow key={i.key} item={i} names={names} />)}
      </ul>
    </section>
  );
}
