/**
 * Who may do what for a business account: the CBSA roles table (domain-notes.md, "Roles") as one
 * policy. The bot and the workflows both ask `decide()`; nothing else encodes these rules.
 *
 * | role            | declarations, lookups | messages | manage users                          | business account        |
 * |-----------------|-----------------------|----------|---------------------------------------|-------------------------|
 * | owner           | view, create, edit    | view     | assign any role to other users        | update, delete, transfer |
 * | proxy           | view, create, edit    | view     | account users and account browsers only | no                    |
 * | account user    | view, create, edit    | view     | no                                    | no                      |
 * | account browser | view only             | view     | no                                    | no                      |
 *
 * Beyond the table: nobody removes or demotes the owner (ownership moves only by a transfer both
 * confirm); a proxy never adds, removes, promotes to or demotes from proxy; nobody approves their
 * own request; only owners and proxies see the member list; any member but the owner may leave
 * (the owner transfers ownership first).
 *
 * Pure and deterministic (no I/O, no clock): safe in workflow code.
 */

export const Role = {
  Owner: 'owner',
  Proxy: 'proxy',
  AccountUser: 'account_user',
  AccountBrowser: 'account_browser',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);
/** Roles that are given (by approval, by adding, by a change); the owner role only moves by a transfer. */
export const GRANTABLE_ROLES = ['proxy', 'account_user', 'account_browser'] as const satisfies readonly Role[];

/** Everything a member (or a would-be member) can attempt on one business account. */
export type BusinessAction =
  | { kind: 'declarations.view' | 'declarations.create' | 'declarations.edit' }
  | { kind: 'lookups.view' | 'lookups.create' | 'lookups.edit' }
  | { kind: 'messages.view' }
  | { kind: 'members.view' }
  /** Add a user (by URN + family name + e-mail) or approve their request, with this role. */
  | { kind: 'members.add'; role: Role; requesterIsActor?: boolean }
  | { kind: 'members.changeRole'; from: Role; to: Role }
  | { kind: 'members.remove'; role: Role }
  /** The actor ends their own membership. */
  | { kind: 'members.leave' }
  | { kind: 'business.update' | 'business.delete' | 'business.transferOwnership' };

/** Why an action is refused: a message-catalogue key (i18n/), so every client can say it. */
export const Denial = {
  NotMember: 'policy.not_member',
  RoleCannot: 'policy.role_cannot',
  OwnerProtected: 'policy.owner_protected',
  OwnerOnlyByTransfer: 'policy.owner_only_by_transfer',
  ProxyLimits: 'policy.proxy_limits',
  OwnRequest: 'policy.own_request',
  OwnerMustTransfer: 'policy.owner_must_transfer',
} as const;
export type Denial = (typeof Denial)[keyof typeof Denial];

export type Decision = { allowed: true } | { allowed: false; reason: Denial };

const ALLOW: Decision = { allowed: true };
const deny = (reason: Denial): Decision => ({ allowed: false, reason });

/** The roles a member may give, take away or change, by their own role. */
const MANAGEABLE: Record<Role, readonly Role[]> = {
  owner: ['proxy', 'account_user', 'account_browser'],
  proxy: ['account_user', 'account_browser'],
  account_user: [],
  account_browser: [],
};

function manage(actor: Role, ...roles: Role[]): Decision {
  if (MANAGEABLE[actor].length === 0) return deny(Denial.RoleCannot);
  // The actor's own limits first (a proxy touching a proxy); then the owner role, which only a
  // transfer gives (demoting or removing the owner is refused before this).
  if (!roles.every((role) => role === 'owner' || MANAGEABLE[actor].includes(role))) return deny(Denial.ProxyLimits);
  return roles.includes('owner') ? deny(Denial.OwnerOnlyByTransfer) : ALLOW;
}

/**
 * May a user whose role in this business account is `actor` (null: not a member) do `action`?
 * Re-asked at the moment of acting (a decision taken earlier may be stale: roles change).
 */
export function decide(actor: Role | null, action: BusinessAction): Decision {
  if (actor === null) return deny(Denial.NotMember);
  switch (action.kind) {
    case 'declarations.view':
    case 'lookups.view':
    case 'messages.view':
      return ALLOW;
    case 'declarations.create':
    case 'declarations.edit':
    case 'lookups.create':
    case 'lookups.edit':
      return actor === 'account_browser' ? deny(Denial.RoleCannot) : ALLOW;
    case 'members.view':
      return actor === 'owner' || actor === 'proxy' ? ALLOW : deny(Denial.RoleCannot);
    case 'members.add':
      if (action.requesterIsActor) return deny(Denial.OwnRequest);
      return manage(actor, action.role);
    case 'members.changeRole':
      if (action.from === 'owner')
        return MANAGEABLE[actor].length === 0 ? deny(Denial.RoleCannot) : deny(Denial.OwnerProtected);
      if (action.from === action.to) return MANAGEABLE[actor].length === 0 ? deny(Denial.RoleCannot) : ALLOW;
      return manage(actor, action.from, action.to);
    case 'members.remove':
      if (action.role === 'owner')
        return MANAGEABLE[actor].length === 0 ? deny(Denial.RoleCannot) : deny(Denial.OwnerProtected);
      return manage(actor, action.role);
    case 'members.leave':
      // A business account always has an owner: they hand it over first, then leave as a proxy.
      return actor === 'owner' ? deny(Denial.OwnerMustTransfer) : ALLOW;
    case 'business.update':
    case 'business.delete':
    case 'business.transferOwnership':
      return actor === 'owner' ? ALLOW : deny(Denial.RoleCannot);
  }
}

/** Who is told of a request for `role`: the owner, and for account users and browsers every proxy too. */
export function approversOf(role: Role): readonly Role[] {
  return ROLES.filter((approver) => decide(approver, { kind: 'members.add', role }).allowed);
}
