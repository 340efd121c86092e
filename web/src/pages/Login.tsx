// Sign in: user name and password, and the authentication code once the
// server asks for it (401 with field "totp").
import { useState } from 'preact/hooks';
import { post, ApiError, type Session } from '../api';
import { Field } from '../components/Field';
import { ErrorBox } from '../components/Status';
import { toApiError } from '../hooks';
import { useI18n } from '../i18n';
import { LanguageToggle } from '../components/LanguageToggle';

export function Login({ onSignedIn, notice }: { onSignedIn: (s: Session) => void; notice?: string }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!username || !password) {
      setError(new ApiError(0, 'required', 'username', t('login.required'), t('login.required')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, string> = { username, password };
      if (needTotp && totp) body.totp = totp;
      onSignedIn(await post<Session>('/api/v1/session', body));
    } catch (err) {
      const ae = toApiError(err);
      if (ae.field === 'totp') setNeedTotp(true);
      setError(ae);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} data-testid="login-form" noValidate>
        <div class="login-head">
          <div>
            <h1>{t('login.title')}</h1>
            <p class="muted">{t('login.subtitle')}</p>
          </div>
          <LanguageToggle />
        </div>
        {notice && <p class="notice" data-testid="login-notice">{notice}</p>}
        <Field name="username" label={t('login.username')} value={username} onInput={setUsername}
          testid="login-username" autocomplete="username" required />
        <Field name="password" label={t('login.password')} kind="password" value={password} onInput={setPassword}
          testid="login-password" autocomplete="current-password" required />
        {needTotp && (
          <Field name="totp" label={t('login.totp')} value={totp} onInput={setTotp} testid="login-totp"
            autocomplete="one-time-code" inputMode="numeric" required />
        )}
        {needTotp && <p class="muted small">{t('login.totpHint')}</p>}
        <ErrorBox error={error} testid="login-error" />
        <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
          {busy ? t('app.busy') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
