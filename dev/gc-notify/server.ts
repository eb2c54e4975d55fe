/**
 * A local stand-in for GC Notify (notification.canada.ca) speaking the part of its HTTP API the
 * service uses: `POST /v2/notifications/email` with `Authorization: ApiKey-v1 <key>`, a JSON body
 * `{email_address, template_id, personalisation, reference}`, templates with ((placeholders)),
 * 201 with the notification, and GC Notify's error shape `{status_code, errors: [{error, message}]}`.
 * Nothing leaves the machine: each e-mail lands in a mailbox, which tests read and which a developer
 * reads at `GET /mailbox` (the messages people would find in their own inbox).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { translator } from '../../i18n/catalogue';

export interface Template {
  subject: string;
  body: string;
}

export interface SentEmail {
  id: string;
  to: string;
  templateId: string;
  subject: string;
  body: string;
  personalisation: Record<string, string>;
  reference?: string;
  at: Date;
}

export interface GcNotifyStandIn {
  url: string;
  apiKey: string;
  /** The e-mail code template per language (as GC_NOTIFY_TEMPLATE_ID[_FR] name them). */
  templateIds: { en: string; fr: string };
  /** Every e-mail accepted, oldest first. */
  mailbox: SentEmail[];
  /** The newest e-mail to `address`, if any. */
  latestTo(address: string): SentEmail | undefined;
  close(): Promise<void>;
}

/** The e-mail code templates, worded from the catalogues as they should be set up in GC Notify. */
export function emailCodeTemplates(): { en: Template; fr: Template } {
  const template = (locale: 'en' | 'fr') => {
    const t = translator(locale);
    return { subject: t('profile.mail.subject'), body: t('profile.mail.body') };
  };
  return { en: template('en'), fr: template('fr') };
}

const EmailBody = z.object({
  email_address: z.email(),
  template_id: z.uuid(),
  personalisation: z.record(z.string(), z.string()).optional(),
  reference: z.string().max(1000).optional(),
  email_reply_to_id: z.uuid().optional(),
});

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startGcNotifyStandIn(options: { port?: number; apiKey?: string } = {}): Promise<GcNotifyStandIn> {
  const apiKey = options.apiKey ?? `cers-dev-${randomUUID()}-${randomBytes(16).toString('hex')}`;
  const texts = emailCodeTemplates();
  const templateIds = { en: randomUUID(), fr: randomUUID() };
  const templates = new Map<string, Template>([
    [templateIds.en, texts.en],
    [templateIds.fr, texts.fr],
  ]);
  const mailbox: SentEmail[] = [];
  let url = '';

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const refuse = (status: number, error: string, message: string) =>
      reply(status, { status_code: status, errors: [{ error, message }] });
    if (req.method === 'GET' && req.url === '/mailbox') return reply(200, { emails: mailbox });
    if (req.method !== 'POST' || req.url !== '/v2/notifications/email')
      return refuse(404, 'NotFound', 'The requested URL was not found on the server.');
    const auth = /^ApiKey-v1 (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth) return refuse(401, 'AuthError', 'Unauthorized, authentication token must be provided');
    if (!sameKey(auth[1]!, apiKey)) return refuse(403, 'AuthError', 'Invalid token: API key not found');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse(400, 'BadRequestError', 'Invalid JSON supplied in POST data');
      }
      const body = EmailBody.safeParse(json);
      if (!body.success)
        return refuse(
          400,
          'ValidationError',
          `${body.error.issues.map((i) => i.path.join('.')).join(', ')} is invalid`,
        );
      const template = templates.get(body.data.template_id);
      if (!template) return refuse(400, 'BadRequestError', 'Template not found');
      const personalisation = body.data.personalisation ?? {};
      const placeholders = [...`${template.subject} ${template.body}`.matchAll(/\(\(([^)]+)\)\)/g)].map((m) => m[1]!);
      const missing = placeholders.filter((name) => !(name in personalisation));
      if (missing.length) return refuse(400, 'BadRequestError', `Missing personalisation: ${missing.join(', ')}`);
      const render = (text: string) => text.replace(/\(\(([^)]+)\)\)/g, (_, name: string) => personalisation[name]!);
      const id = randomUUID();
      const email: SentEmail = {
        id,
        to: body.data.email_address,
        templateId: body.data.template_id,
        subject: render(template.subject),
        body: render(template.body),
        personalisation,
        reference: body.data.reference,
        at: new Date(),
      };
      mailbox.push(email);
      reply(201, {
        id,
        reference: email.reference ?? null,
        content: { subject: email.subject, body: email.body, from_email: 'cers-onboard@notification.canada.ca' },
        uri: `${url}/v2/notifications/${id}`,
        template: { id: email.templateId, version: 1, uri: `${url}/v2/template/${email.templateId}` },
        scheduled_for: null,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    templateIds,
    mailbox,
    latestTo: (address) => mailbox.filter((m) => m.to.toLowerCase() === address.toLowerCase()).at(-1),
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
