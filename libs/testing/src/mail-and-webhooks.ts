import http from 'node:http';
import { AddressInfo } from 'node:net';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server that keeps every message it receives, parsed. `acceptDelayMs` makes it take
 * that long before it accepts a message (stores it and answers 250), like a busy server.
 */
export class TestSmtpServer {
  readonly messages: ParsedMail[] = [];
  /** Connection errors, e.g. a client killed mid-session resetting its socket: kept, as a real server would log them. */
  readonly errors: Error[] = [];
  private readonly server: SMTPServer;

  constructor(options: { acceptDelayMs?: number } = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    this.server.on('error', (error) => this.errors.push(error));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedWebhook {
  receivedAt: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A real HTTP receiver; `status` decides what it answers (e.g. 500 to force retries). */
export class TestWebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  status: (request: ReceivedWebhook) => number = () => 204;
  private readonly server = http.createServer((request, response) => {
    let rawBody = '';
    request.on('data', (chunk) => (rawBody += chunk));
    request.on('end', () => {
      const received = { receivedAt: Date.now(), path: request.url ?? '', headers: request.headers, rawBody };
      this.requests.push(received);
      response.statusCode = this.status(received);
      response.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
