/**
 * Where the bot meets Slack, as configured: Slack itself (HTTP or Socket Mode), or, with no Slack
 * tokens, the local stand-in (over HTTP or, with SLACK_STAND_IN_TRANSPORT=socket, Socket Mode),
 * started here with throw-away credentials so `npm start` needs no Slack account. The worker's notifier and the bot use the same resolved connection.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { BotConnection } from '../bot/app';
import { DEV_USERS, startSlackStandIn, type SlackStandIn } from '../dev/slack';

export interface SlackSide {
  connection: BotConnection;
  /** Set in stand-in mode: the local Slack, with its console for a browser. */
  standIn?: SlackStandIn;
  /** The Web API base URL the notifier and the bot call (undefined: slack.com). */
  apiUrl?: string;
}

export async function resolveSlack(config: Config): Promise<SlackSide> {
  const slack = config.slack;
  if (slack.mode === 'http') {
    return {
      connection: {
        mode: 'http',
        botToken: slack.botToken,
        signingSecret: slack.signingSecret,
        apiUrl: slack.apiUrl,
        port: slack.port,
      },
      apiUrl: slack.apiUrl,
    };
  }
  if (slack.mode === 'socket') {
    return {
      connection: {
        mode: 'socket',
        botToken: slack.botToken,
        appToken: slack.appToken,
        apiUrl: slack.apiUrl,
        port: slack.port,
      },
      apiUrl: slack.apiUrl,
    };
  }
  const botToken = `xoxb-stand-in-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const transport = slack.standInTransport;
  const standIn = await startSlackStandIn({
    botToken,
    signingSecret,
    port: slack.standInPort,
    users: [...DEV_USERS],
    transport,
  });
  // The local workspace's support user group, when one is configured: alice and chloe are on the
  // support team (an English and a French agent), bob is not (a refusal to try).
  const supportGroup = config.support.usergroupId;
  if (supportGroup) {
    const team = DEV_USERS.filter((user) => user.name === 'alice' || user.name === 'chloe').map((user) => user.id);
    standIn.workspace.setUsergroup(supportGroup, team);
  }
  const connection: BotConnection =
    transport === 'socket'
      ? { mode: 'socket', botToken, appToken: standIn.appToken, apiUrl: standIn.apiUrl, port: slack.port }
      : { mode: 'http', botToken, signingSecret, apiUrl: standIn.apiUrl, port: slack.port };
  return { connection, standIn, apiUrl: standIn.apiUrl };
}
