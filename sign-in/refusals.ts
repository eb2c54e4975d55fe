/**
 * Why a sign-in step was refused: one code per cause. Each refusal is logged once at WARN with its
 * code (`sign-in refused`), so an operator can tell a blocked cookie from a forged form or a
 * provider that is down, without the log holding anything that identifies a person.
 */
export const Refusal = {
  /** The link in the URL is not of the shape we issue. */
  LinkMalformed: 'link_malformed',
  /** No such link (never issued, or pruned a day after its use). */
  LinkUnknown: 'link_unknown',
  /** Opened or continued after its 10 minutes. */
  LinkExpired: 'link_expired',
  /** Already started (or finished) in another browser. */
  LinkUsedElsewhere: 'link_used_elsewhere',
  /** Opened without its applicant's click in Slack (copied or forwarded). */
  LinkNotArmed: 'link_not_armed',
  /** Continue posted from another site (`Sec-Fetch-Site` or `Origin` say so). */
  CrossSitePost: 'cross_site_post',
  /** Continue without the start page's cookie: cookies blocked, or not posted from the page. */
  CookieMissing: 'cookie_missing',
  /** Continue whose form token does not match this browser's cookie. */
  FormTokenMismatch: 'form_token_mismatch',
  /** A callback whose `state` is missing or oversized. */
  StateMalformed: 'state_malformed',
  /** A callback whose `state` belongs to no flow. */
  StateUnknown: 'state_unknown',
  /** A callback in a browser other than the one that pressed Continue. */
  OtherBrowser: 'other_browser',
  /** The provider did not answer (discovery, token endpoint, keys). */
  ProviderUnavailable: 'provider_unavailable',
  /** The provider sent an error back (the person cancelled, or it refused). */
  ProviderRefused: 'provider_refused',
  /** The token endpoint refused the code (used twice, expired). */
  CodeRefused: 'code_refused',
  /** The ID token did not verify (signature, nonce, issuer, audience, no subject). */
  ResponseUnverified: 'response_unverified',
  /** The provider reused a login older than the flow instead of asking for a fresh one. */
  StaleAuthentication: 'stale_authentication',
  /** The credential is already linked to another user account. */
  CredentialAlreadyLinked: 'credential_already_linked',
  /** The registration refused the credential for good. */
  RegistrationRefused: 'registration_refused',
  /** Temporal or the database did not answer; a reload retries. */
  RegistrationUnavailable: 'registration_unavailable',
} as const;
export type RefusalReason = (typeof Refusal)[keyof typeof Refusal];
