// In the top bar, always in sight (on a phone too): whether the page has a
// connection and how many writes wait in the outbox, a link to it.
import { useI18n } from '../i18n';
import { useOnline, useOutbox } from '../offline/useOutbox';

export function OutboxBadge({ user }: { user: number }) {
  const { t } = useI18n();
  const online = useOnline();
  const items = useOutbox(user);
  const waiting = items?.filter((i) => i.state !== 'refused').length ?? 0;
  const refused = items?.filter((i) => i.state === 'refused').length ?? 0;
  return (
    <a class={`outbox-badge${refused > 0 ? ' refused' : waiting > 0 ? ' waiting' : ''}`} href="#/outbox"
      data-testid="outbox-badge" data-waiting={waiting} data-refused={refused} data-online={online ? 'yes' : 'no'}
      title={t('outbox.badgeTitle')} aria-live="polite">
      {!online && <span class="offline-dot" data-testid="offline-indicator">{t('outbox.offline')}</span>}
      <span>{t('outbox.badge', { n: waiting })}</span>
      {refused > 0 && <span class="refused-count">{t('outbox.badgeRefused', { n: refused })}</span>}
    </a>
  );
}
