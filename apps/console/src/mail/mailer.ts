import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable across retries, so a repeat after a crash is recognisably the same mail. */
  messageId?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/** The console's own email (password resets, committee reports) over real SMTP. Alerts are the notifications service's job. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {
    this.transport = createTransport({
      url: env.SMTP_URL,
      connectionTimeout: env.SMTP_TIMEOUT_MS,
      greetingTimeout: env.SMTP_TIMEOUT_MS,
      socketTimeout: env.SMTP_TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ from: this.env.MAIL_FROM, ...mail });
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
