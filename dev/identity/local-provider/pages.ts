/**
 * The local identity provider's HTML pages, in English and French. A development tool, so its few
 * strings live here rather than in the service's catalogue. Everything interpolated is escaped.
 */

export type PageLanguage = 'en' | 'fr';

const TEXT = {
  en: {
    htmlLang: 'en-CA',
    title: 'Sign in',
    notice: 'Local identity provider for development and tests. Use a test account, never a real credential.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    wrongCredentials: 'The username or password is incorrect. Try again.',
    errorTitle: 'Sign-in could not continue',
    errorRetry: 'Return to the application and start signing in again.',
  },
  fr: {
    htmlLang: 'fr-CA',
    title: 'Ouvrir une session',
    notice:
      'Fournisseur d’identité local pour le développement et les tests. Utilisez un compte de test, jamais un vrai justificatif.',
    username: 'Nom d’utilisateur',
    password: 'Mot de passe',
    submit: 'Ouvrir une session',
    wrongCredentials: 'Le nom d’utilisateur ou le mot de passe est incorrect. Réessayez.',
    errorTitle: 'La connexion n’a pas pu se poursuivre',
    errorRetry: 'Retournez à l’application et recommencez la connexion.',
  },
} as const;

/**
 * The page language: the first English or French tag of the OpenID Connect `ui_locales`
 * (space-separated, by preference), else of the browser's Accept-Language, else English.
 */
export function pageLanguage(uiLocales: unknown, acceptLanguage?: string): PageLanguage {
  const fromUiLocales = typeof uiLocales === 'string' ? uiLocales.split(' ') : [];
  const fromBrowser = (acceptLanguage ?? '').split(',').map((part) => part.split(';')[0] ?? '');
  for (const tag of [...fromUiLocales, ...fromBrowser]) {
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'en';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(language: PageLanguage, heading: string, body: string): string {
  const text = TEXT[language];
  return `<!doctype html>
<html lang="${text.htmlLang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(heading)}</title></head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
<p><small>${escapeHtml(text.notice)}</small></p>
${body}
</main>
</body>
</html>
`;
}

export function loginPage(options: {
  language: PageLanguage;
  providerName: string;
  formAction: string;
  username?: string;
  wrongCredentials?: boolean;
}): string {
  const text = TEXT[options.language];
  const error = options.wrongCredentials ? `<p role="alert">${escapeHtml(text.wrongCredentials)}</p>\n` : '';
  return page(
    options.language,
    `${options.providerName} — ${text.title}`,
    `${error}<form method="post" action="${escapeHtml(options.formAction)}">
<p><label for="username">${escapeHtml(text.username)}</label><br><input id="username" name="username" autocomplete="username" required value="${escapeHtml(options.username ?? '')}"></p>
<p><label for="password">${escapeHtml(text.password)}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">${escapeHtml(text.submit)}</button></p>
</form>`,
  );
}

/** Shown when the provider cannot send the browser back to the application (e.g. an expired interaction). */
export function errorPage(language: PageLanguage, error: string, description: string | undefined): string {
  const text = TEXT[language];
  const detail = description ? `${error}: ${description}` : error;
  return page(
    language,
    text.errorTitle,
    `<p>${escapeHtml(text.errorRetry)}</p>\n<p><code>${escapeHtml(detail)}</code></p>`,
  );
}
