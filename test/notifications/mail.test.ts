/**
 * Notification e-mail through a real SMTP server started here (smtp-server): the mail reaches
 * the recipient in their language with a link to the commitment, a person who turned e-mail
 * off gets none, and a mail server that is down never fails or slows the request — the mail
 * is tried again and arrives once the server is back. Rules cited: NT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DEMO, over, signIn } from '../helpers/auth.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { accountOf, C04, caller, commenter, type Who } from './helpers.js';

interface Received { to: string[]; subject: string; text: string }

/** Decodes the one text part nodemailer writes (quoted-printable or base64, UTF-8) and the encoded subject. */
function decode(raw: string): Received & { to: string[] } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const headers = head!.replace(/\r?\n[ \t]+/g, ' ');
  const subjectRaw = /^Subject: (.*)$/m.exec(headers)?.[1] ?? '';
  const subject = subjectRaw.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, s: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : qp(s.replace(/_/g, ' ')),
  );
  const cte = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  const text = cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? qp(body.replace(/=\r?\n/g, '')) : body;
  return { to: [], subject, text };
}
function qp(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function smtpOn(port: number, mails: Received[]): Promise<SMTPServer> {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString()));
      stream.on('end', () => {
        mails.push({ ...decode(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  return new Promise((resolve) => smtp.listen(port, '127.0.0.1', () => resolve(smtp)));
}

/** A port nothing listens on (yet). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('NT9 notification e-mail through SMTP', () => {
  const tmp = tempDir();
  let server: TestServer;
  let smtp: SMTPServer | null = null;
  let smtpPort = 0;
  const mails: Received[] = [];
  const tokens = {} as Record<Who, string>;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    smtpPort = await freePort();
    // The mail server is down when the server starts; it comes up in the last test.
    server = await startTestServer({
      dataDir: tmp.dir,
      env: { GONGBI_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, GONGBI_MAIL_FROM: 'Gongbi <gongbi@ndc.gov.tw>', GONGBI_MAIL_RETRY_MS: '300', GONGBI_MAIL_ATTEMPTS: '6', GONGBI_PUBLIC_ORIGIN: 'https://gongbi.example.gov.tw' },
    });
    for (const who of Object.keys(DEMO) as Who[]) tokens[who] = await signIn(over(server.url), DEMO[who]);
    call = caller(server, tokens);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (smtp) await new Promise<void>((r) => smtp!.close(() => r()));
    tmp.remove();
  });

  it('[NT9] with the mail server down, a decision is answered at once and stored; its mail is retried and arrives once the server is up', { timeout: 30_000 }, async () => {
    const made = await call('viewer', 'POST', `/api/commitments/${C04}/suggestions`, { field: 'partners', lang: 'zh', text: '資訊公開倡議團體與記者' });
    expect(made.status).toBe(201);
    const started = Date.now();
    const declined = await call('agency', 'POST', `/api/suggestions/${made.body.id}/decline`, { reason: '已有類似文字' });
    expect(declined.status).toBe(200);
    // Connecting to a closed port fails fast; the answer never waits for SMTP.
    expect(Date.now() - started).toBeLessThan(2000);
    await server.gongbi.notifications.idle();
    expect((await call('viewer', 'GET', '/api/notifications')).body.unread).toBe(1);
    // At least one try failed while nothing listened.
    await new Promise((r) => setTimeout(r, 400));
    expect(server.gongbi.mailQueue!.sent).toBe(0);
    smtp = await smtpOn(smtpPort, mails);
    await waitFor(() => mails.length >= 1, { what: 'the retried mail', timeout: 15_000 });
    const mail = mails[0]!;
    expect(mail.to).toEqual([DEMO.viewer]);
    expect(mail.subject).toContain('未採納您的修改建議');
    expect(mail.text).toContain('已有類似文字');
    expect(mail.text).toContain(`https://gongbi.example.gov.tw/c/${C04}`);
  });

  it('[NT10] a mention e-mails the person mentioned in the language they chose; one who turned e-mail off gets none', { timeout: 30_000 }, async () => {
    expect((await call('agency', 'PUT', '/api/notifications/settings', { email: true, lang: 'en' })).status).toBe(200);
    expect((await call('translator', 'PUT', '/api/notifications/settings', { email: false })).status).toBe(200);
    const agency = await accountOf(server, 'agency');
    const translator = await accountOf(server, 'translator');
    const coordinator = await accountOf(server, 'coordinator');
    mails.length = 0;
    const viewer = await commenter(server, tokens, 'viewer');
    try {
      viewer.open(`數據。@${agency.name} @${translator.name} @${coordinator.name} 請看`);
      await waitFor(() => mails.length >= 2, { what: 'two mails', timeout: 15_000 });
      await server.gongbi.notifications.idle();
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      viewer.done();
    }
    expect(mails.map((m) => m.to[0]).sort()).toEqual([DEMO.agency, DEMO.coordinator].sort());
    const en = mails.find((m) => m.to[0] === DEMO.agency)!;
    expect(en.subject).toContain('mentioned you in a comment');
    expect(en.text).toMatch(/^Hello /);
    expect(en.text).toContain(`/c/${C04}`);
    const zh = mails.find((m) => m.to[0] === DEMO.coordinator)!;
    expect(zh.subject).toContain('在留言中提到您');
    expect(zh.text).toContain('您好');
    // The translator is still told in the bell.
    expect((await call('translator', 'GET', '/api/notifications')).body.unread).toBe(1);
  });
});
