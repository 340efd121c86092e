// The signed-in user's account: who they are, and two-step verification
// turned on by themselves: POST /api/v1/session/totp offers a secret (shown
// as a QR code and as text), PUT with the password and a code from the app
// stores it; the server then ends every session of the user and the page
// returns to sign-in with a notice. Once on, only an administrator gives a
// new key (another phone).
import { useState } from 'preact/hooks';
import { post, put, type ApiError } from '../api';
import { Field, fieldErrors } from '../components/Field';
import { QrCode } from '../components/QrCode';
import { ErrorBox } from '../components/Status';
import { toApiError } from '../hooks';
import { useI18n } from '../i18n';
import { useApp } from '../state';

interface Offer {
  secret: string;
  otpauth_uri: string;
}

export function Account() {
  const { t, tv, lang } = useI18n();
  const app = useApp();
  const user = app.session.user;
  const [offer, setOffer] = useState<Offer | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setOffer(await post<Offer>('/api/v1/session/totp', {}));
      setPassword('');
      setCode('');
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (e: Event) => {
    e.preventDefault();
    if (!offer) return;
    setBusy(true);
    setError(null);
    try {
      await put('/api/v1/session/totp', { password, secret: offer.secret, code: code.replace(/\s/g, '') });
      app.endSession('account.totpOn');
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  const errors = fieldErrors(error, lang);
  const unplaced = error && !errors.password && !errors.code;
  return (
    <section class="page" data-testid="account-page">
      <h2>{t('account.title')}</h2>
      <table class="table facts">
        <tbody>
          <tr><th>{t('account.username')}</th><td data-testid="account-username">{user.username}</td></tr>
          <tr><th>{t('account.role')}</th><td>{tv('role', user.role)}</td></tr>
          <tr><th>{t('account.unit')}</th><td>{user.unit_name} ({user.unit})</td></tr>
          <tr>
            <th>{t('account.totp')}</th>
            <td data-testid="account-totp">{user.totp ? t('account.totpOnState') : t('account.totpOff')}</td>
          </tr>
        </tbody>
      </table>
      <div class="card">
        <h3>{t('account.totp')}</h3>
        <p class="muted">{t('account.totpWhy')}</p>
        {user.totp && <p data-testid="totp-is-on">{t('account.totpRestart')}</p>}
        {!user.totp && !offer && (
          <div class="actions">
            <button type="button" class="primary" disabled={busy} data-testid="totp-start" onClick={start}>
              {t('account.totpStart')}
            </button>
          </div>
        )}
        {offer && (
          <form onSubmit={confirm} data-testid="totp-form" noValidate>
            <p>{t('account.totpStep1')}</p>
            <div class="totp-key">
              <QrCode text={offer.otpauth_uri} label={t('account.qr')} testid="totp-qr" />
              <code data-testid="totp-secret">{offer.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </div>
            <p>{t('account.totpStep2')}</p>
            <div class="form-grid">
              <Field name="password" label={t('account.password')} kind="password" value={password}
                onInput={setPassword} testid="totp-password" autocomplete="current-password" required
                error={errors.password} />
              <Field name="code" label={t('account.code')} value={code} onInput={setCode} testid="totp-code"
                autocomplete="one-time-code" inputMode="numeric" required error={errors.code} />
            </div>
            {unplaced && <ErrorBox error={error} testid="totp-error" />}
            <div class="actions">
              <button type="submit" class="primary" disabled={busy} data-testid="totp-confirm">
                {busy ? t('app.busy') : t('account.confirm')}
              </button>
              <button type="button" disabled={busy} onClick={() => { setOffer(null); setError(null); }}>
                {t('account.cancel')}
              </button>
            </div>
          </form>
        )}
        {!offer && error && <ErrorBox error={error} testid="totp-error" />}
      </div>
    </section>
  );
}
