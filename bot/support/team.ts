/**
 * Who may run support lookups in Slack: the members of one Slack user group (CERS_SUPPORT_USERGROUP),
 * read with `usergroups.users.list` and cached briefly, so a burst of lookups costs one call and a
 * person removed from the group loses access within a minute.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../config/logger';

/** How long a read of the group's members is trusted. */
export const SUPPORT_TEAM_TTL_MS = 60_000;

export type SupportAccess = 'member' | 'not_member' | 'not_configured' | 'unavailable';

export class SupportTeam {
  private members: { ids: ReadonlySet<string>; at: number } | undefined;
  private reading: Promise<ReadonlySet<string>> | undefined;

  constructor(
    private readonly usergroupId: string | undefined,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async access(client: WebClient, userId: string): Promise<SupportAccess> {
    if (!this.usergroupId) return 'not_configured';
    try {
      return (await this.read(client, this.usergroupId)).has(userId) ? 'member' : 'not_member';
    } catch (error) {
      // A wrong group id (no_such_subteam) or a missing scope (usergroups:read) is the operator's to fix.
      this.log.error('support team: usergroups.users.list failed', {
        usergroup: this.usergroupId,
        error: (error as { data?: { error?: string } }).data?.error ?? (error as Error).message,
      });
      return 'unavailable';
    }
  }

  private async read(client: WebClient, usergroup: string): Promise<ReadonlySet<string>> {
    if (this.members && this.now() - this.members.at < SUPPORT_TEAM_TTL_MS) return this.members.ids;
    // One call for everyone who asks meanwhile.
    this.reading ??= client.usergroups.users
      .list({ usergroup })
      .then((answer) => {
        const ids: ReadonlySet<string> = new Set(answer.users ?? []);
        this.members = { ids, at: this.now() };
        return ids;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }
}
