// Busy states and server errors, in the chosen language.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

export function Busy({ text, testid = 'busy' }: { text?: string; testid?: string }) {
  const { t } = useI18n();
  return (
    <div class="busy" role="status" aria-live="polite" data-testid={testid}>
      <span class="spinner" aria-hidden="true" />
      {text ?? t('app.loading')}
    </div>
  );
}

// `labelOf` names a field as its form shows it (a column code otherwise).
export function ErrorBox({ error, testid = 'error', onRetry, labelOf }: {
  error: ApiError | null; testid?: string; onRetry?: () => void; labelOf?: (field: string) => string;
}) {
  const { lang, t } = useI18n();
  if (!error) return null;
  return (
    <div class="error-box" role="alert" data-testid={testid} data-code={error.code}>
      {error.text(lang)}
      {error.issues.length > 1 && (
        <ul>
          {error.issues.map((i, n) => (
            <li key={n}>
              {i.field ? `${labelOf ? labelOf(i.field) : i.field}: ` : ''}
              {lang === 'vi' ? i.message_vi : i.message_en}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" class="link" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Notice({ children, testid, ok }: { children: ComponentChildren; testid?: string; ok?: boolean }) {
  return (
    <div class={ok ? 'notice ok' : 'notice'} role="status" data-testid={testid}>
      {children}
    </div>
  );
}
