import { useI18n } from '../i18n';

export function LanguageToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <button type="button" class="lang" data-testid="lang-toggle" lang={lang === 'vi' ? 'en' : 'vi'}
      title={t('app.languageTitle')} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
      {t('app.language')}
    </button>
  );
}
