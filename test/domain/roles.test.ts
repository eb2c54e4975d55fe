/**
 * The roles policy against the full table: every role (and a non-member) × every action, the
 * expected outcome written out here from the CBSA roles table (domain-notes.md) and the rules
 * around it, not computed from the policy.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { Denial, ROLES, approversOf, decide, type BusinessAction, type Role } from '../../domain/roles';
import { catalogues } from '../../i18n/catalogue';

type Actor = Role | 'none';
const A = 'allowed';
/** Expected outcome per actor, in the order owner, proxy, account_user, account_browser, none. */
type Row = [action: BusinessAction, owner: string, proxy: string, user: string, browser: string, none: string];
const N = Denial.NotMember;
const R = Denial.RoleCannot;
const O = Denial.OwnerProtected;
const T = Denial.OwnerOnlyByTransfer;
const P = Denial.ProxyLimits;

const TABLE: Row[] = [
  // Declarations and lookups: view for every role; create and edit for all but account browsers.
  [{ kind: 'declarations.view' }, A, A, A, A, N],
  [{ kind: 'declarations.create' }, A, A, A, R, N],
  [{ kind: 'declarations.edit' }, A, A, A, R, N],
  [{ kind: 'lookups.view' }, A, A, A, A, N],
  [{ kind: 'lookups.create' }, A, A, A, R, N],
  [{ kind: 'lookups.edit' }, A, A, A, R, N],
  // Messages: every role reads them.
  [{ kind: 'messages.view' }, A, A, A, A, N],
  // The member list: owners and proxies.
  [{ kind: 'members.view' }, A, A, R, R, N],
  // Adding (or approving) with a role: the owner any role but owner; a proxy users and browsers only.
  [{ kind: 'members.add', role: 'owner' }, T, T, R, R, N],
  [{ kind: 'members.add', role: 'proxy' }, A, P, R, R, N],
  [{ kind: 'members.add', role: 'account_user' }, A, A, R, R, N],
  [{ kind: 'members.add', role: 'account_browser' }, A, A, R, R, N],
  // Approving one's own request: never.
  [
    { kind: 'members.add', role: 'account_user', requesterIsActor: true },
    Denial.OwnRequest,
    Denial.OwnRequest,
    Denial.OwnRequest,
    Denial.OwnRequest,
    N,
  ],
  // Changing roles: never from or to owner; a proxy never to or from proxy.
  [{ kind: 'members.changeRole', from: 'owner', to: 'proxy' }, O, O, R, R, N],
  [{ kind: 'members.changeRole', from: 'proxy', to: 'owner' }, T, P, R, R, N],
  [{ kind: 'members.changeRole', from: 'proxy', to: 'account_user' }, A, P, R, R, N],
  [{ kind: 'members.changeRole', from: 'account_user', to: 'proxy' }, A, P, R, R, N],
  [{ kind: 'members.changeRole', from: 'account_user', to: 'account_browser' }, A, A, R, R, N],
  [{ kind: 'members.changeRole', from: 'account_browser', to: 'account_user' }, A, A, R, R, N],
  [{ kind: 'members.changeRole', from: 'account_user', to: 'owner' }, T, T, R, R, N],
  // Removing: never the owner; a proxy never a proxy.
  [{ kind: 'members.remove', role: 'owner' }, O, O, R, R, N],
  [{ kind: 'members.remove', role: 'proxy' }, A, P, R, R, N],
  [{ kind: 'members.remove', role: 'account_user' }, A, A, R, R, N],
  [{ kind: 'members.remove', role: 'account_browser' }, A, A, R, R, N],
  // Leaving: any member but the owner, who transfers ownership first.
  [{ kind: 'members.leave' }, Denial.OwnerMustTransfer, A, A, A, N],
  // The business account itself: the owner only.
  [{ kind: 'business.update' }, A, R, R, R, N],
  [{ kind: 'business.delete' }, A, R, R, R, N],
  [{ kind: 'business.transferOwnership' }, A, R, R, R, N],
];

const ACTORS: Actor[] = ['owner', 'proxy', 'account_user', 'account_browser', 'none'];

describe('roles policy: the full table', () => {
  test('every action kind appears in the table', () => {
    const kinds = new Set(TABLE.map(([action]) => action.kind));
    const all: BusinessAction['kind'][] = [
      'declarations.view',
      'declarations.create',
      'declarations.edit',
      'lookups.view',
      'lookups.create',
      'lookups.edit',
      'messages.view',
      'members.view',
      'members.add',
      'members.changeRole',
      'members.remove',
      'members.leave',
      'business.update',
      'business.delete',
      'business.transferOwnership',
    ];
    assert.deepEqual([...kinds].sort(), [...all].sort());
    assert.deepEqual([...ROLES], ['owner', 'proxy', 'account_user', 'account_browser']);
  });

  for (const [action, ...expected] of TABLE) {
    test(`${JSON.stringify(action)}`, () => {
      const actual = ACTORS.map((actor) => {
        const decision = decide(actor === 'none' ? null : actor, action);
        return decision.allowed ? A : decision.reason;
      });
      assert.deepEqual(actual, expected);
    });
  }

  test('every role × every role combination of changeRole and remove is decided, never thrown', () => {
    for (const actor of [...ROLES, null]) {
      for (const from of ROLES) {
        assert.equal(typeof decide(actor, { kind: 'members.remove', role: from }).allowed, 'boolean');
        for (const to of ROLES)
          assert.equal(typeof decide(actor, { kind: 'members.changeRole', from, to }).allowed, 'boolean');
      }
    }
  });

  test('approvers: the owner, and for account users and browsers every proxy too', () => {
    assert.deepEqual(approversOf('proxy'), ['owner']);
    assert.deepEqual(approversOf('account_user'), ['owner', 'proxy']);
    assert.deepEqual(approversOf('account_browser'), ['owner', 'proxy']);
    assert.deepEqual(approversOf('owner'), []);
  });

  test('every refusal has a message in both languages', () => {
    for (const reason of Object.values(Denial)) {
      assert.ok(reason in catalogues.en, `${reason} (en)`);
      assert.ok(reason in catalogues.fr, `${reason} (fr)`);
    }
  });
});
