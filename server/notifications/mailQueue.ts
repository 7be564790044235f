/**
 * Notification e-mail, sent in the background: a request that makes a notification never
 * waits for SMTP. A failed send is tried again after a doubling wait, a few times, then given
 * up and logged; the queue is bounded so a mail server that is down for hours cannot grow it
 * without end (the notifications themselves are in the store either way).
 */
import type { Logger } from '../log.js';
import type { Mail, Mailer } from '../mail/mailer.js';

export interface MailQueueOptions {
  /** First wait before a retry; each later wait doubles. */
  retryMs: number;
  /** Tries in all, the first included. */
  attempts: number;
  /** Mails waiting at most; beyond it new mails are dropped (and logged). */
  limit?: number;
}

const DEFAULT_LIMIT = 2000;

export class MailQueue {
  private readonly waiting: Array<{ mail: Mail; tries: number }> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private sending = false;
  private closed = false;
  /** Mails sent since start, and given up (for tests and logs). */
  sent = 0;
  failed = 0;

  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly options: MailQueueOptions,
  ) {}

  /** Queues `mail`; returns at once. */
  enqueue(mail: Mail): void {
    if (this.closed) return;
    if (this.waiting.length >= (this.options.limit ?? DEFAULT_LIMIT)) {
      this.logger.error('notification mail queue full: a mail was dropped', { to: mail.to });
      return;
    }
    this.waiting.push({ mail, tries: 0 });
    void this.drain();
  }

  /** One at a time: a notification burst must not open hundreds of SMTP connections. */
  private async drain(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let next = this.waiting.shift(); next && !this.closed; next = this.waiting.shift()) {
        next.tries++;
        try {
          await this.mailer.send(next.mail);
          this.sent++;
        } catch (err) {
          this.retryLater(next, err);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private retryLater(item: { mail: Mail; tries: number }, err: unknown): void {
    if (item.tries >= this.options.attempts) {
      this.failed++;
      this.logger.error('gave up a notification mail', { to: item.mail.to, tries: item.tries, error: String(err) });
      return;
    }
    const wait = this.options.retryMs * 2 ** (item.tries - 1);
    this.logger.info('a notification mail failed; trying again', { to: item.mail.to, tries: item.tries, inMs: wait, error: String(err) });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.waiting.push(item);
      void this.drain();
    }, wait);
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
  }
}
