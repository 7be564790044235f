/**
 * Sends Gongbi's mail (password-reset links) through the configured SMTP server with
 * nodemailer, the maintained standard for SMTP in Node. Without `GONGBI_SMTP_URL` there is
 * no mailer, and the features that need one say so.
 */
import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** The SMTP mailer of `smtpUrl`, or null when none is configured. */
export function createMailer(smtpUrl: string, from: string): Mailer | null {
  if (!smtpUrl) return null;
  // Bounded waits: a mail server that does not answer must not hold a request for minutes.
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('connectionTimeout')) url.searchParams.set('connectionTimeout', '10000');
  if (!url.searchParams.has('greetingTimeout')) url.searchParams.set('greetingTimeout', '10000');
  if (!url.searchParams.has('socketTimeout')) url.searchParams.set('socketTimeout', '20000');
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close() {
      transport.close();
    },
  };
}
