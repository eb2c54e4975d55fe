/** A person who can sign in at the local identity provider. */
export interface LocalProviderAccount {
  username: string;
  password: string;
  /** the persistent anonymous identifier (sub) */
  sub: string;
}
