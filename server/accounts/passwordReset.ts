/**
 * "Forgot password" by e-mail: a one-time link (a random token, stored only as its hash,
 * valid for GONGBI_PASSWORD_RESET_MINUTES) sent through the configured SMTP server. Asking
 * answers the same whether or not the address has an account, so it tells nobody which do.
 * Using the link sets the new password and ends every session of the account.
 */
import type { Audit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { hashToken, newToken } from '../auth/tokens.js';
import type { Logger } from '../log.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccountStore } from '../storage/index.js';

export interface PasswordResetDeps {
  store: AccountStore;
  audit: Audit;
  mailer: Mailer | null;
  logger: Logger;
  ttlMs: number;
  endSessions(userId: string): Promise<void>;
}

export class PasswordResets {
  constructor(private readonly deps: PasswordResetDeps) {}

  /** False when no mail server is configured (the page then says to ask an administrator). */
  get available(): boolean {
    return this.deps.mailer !== null;
  }

  /**
   * Sends a reset link to `email` when it names an enabled account. `origin` is where the
   * link points (the configured public origin, or the request's). Never says whether it did.
   */
  async request(email: string, origin: string, address: string): Promise<void> {
    const mailer = this.deps.mailer;
    if (!mailer) return;
    const account = await this.deps.store.getUserByEmail(email);
    if (!account || account.disabledAt !== null) return;
    const token = newToken();
    const now = Date.now();
    await this.deps.store.createPasswordReset(hashToken(token), account.id, now, now + this.deps.ttlMs);
    const link = `${origin}/reset-password/${token}`;
    const minutes = Math.round(this.deps.ttlMs / 60_000);
    await this.deps.audit.record({ actor: account, action: 'password_reset_requested', target: account.email, address });
    try {
      await mailer.send({
        to: account.email,
        subject: '共筆 Gongbi：重設密碼 / Reset your password',
        text: [
          `${account.name} 您好：`,
          '',
          `請在 ${minutes} 分鐘內開啟下列連結設定新密碼（只能使用一次）：`,
          link,
          '若您沒有要求重設密碼，請忽略這封信，您的密碼不會改變。',
          '',
          `Hello ${account.name},`,
          '',
          `Open this link within ${minutes} minutes to choose a new password (it works once):`,
          link,
          'If you did not ask for this, ignore this message: your password stays as it is.',
        ].join('\n'),
      });
    } catch (err) {
      // The answer stays the same (it must not reveal the account); the operator sees why.
      this.deps.logger.error('could not send a password-reset mail', { userId: account.id, error: String(err) });
    }
  }

  /** Sets the new password of the link's account; false when the link is unknown, used or expired. */
  async complete(token: string, password: string, address: string): Promise<boolean> {
    if (token.length > 200) return false;
    const userId = await this.deps.store.usePasswordReset(hashToken(token), Date.now());
    if (!userId) return false;
    const found = await this.deps.store.getUserById(userId);
    // An account disabled since the link was sent stays closed.
    const user = found && (await this.deps.store.getUserByEmail(found.email));
    if (!user || user.disabledAt !== null) return false;
    await this.deps.store.updateAccount(userId, { passwordHash: await hashPassword(password) });
    const sessionsEnded = await this.deps.store.deleteUserSessions(userId);
    await this.deps.endSessions(userId);
    await this.deps.audit.record({ actor: user, action: 'password_reset', target: user.email, details: { by: 'e-mail link', sessionsEnded }, address });
    return true;
  }
}
