import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Browser, chromium } from 'playwright-core';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';

export interface PrintedPdf {
  pdf: Buffer;
  pages: number;
  renderMs: number;
}

/** Flags for a headless Chromium on a closed network (no background fetches, no sandbox as root). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Prints a report's HTML to an accessible PDF with Debian's Chromium through playwright-core:
 * tagged (headings, tables and lists keep their structure), with a document outline from the
 * headings, real text and vector charts. One browser is started on first use and reused; each
 * print gets its own page, which never leaves the machine (requests to the network are refused).
 */
@Injectable()
export class PdfPrinter implements OnModuleDestroy {
  private readonly logger = new Logger(PdfPrinter.name);
  private browser: Promise<Browser> | undefined;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {}

  async print(html: string, footer: { page: string; of: string; title: string }): Promise<PrintedPdf> {
    const started = Date.now();
    const browser = await this.launch();
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
      await page.setContent(html, { waitUntil: 'load', timeout: this.env.REPORT_RENDER_TIMEOUT_MS });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        tagged: true,
        outline: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: `<div style="font-size:8pt;width:100%;padding:0 16mm;display:flex;justify-content:space-between;color:#444"><span>${escape(footer.title)}</span><span>${escape(footer.page)} <span class="pageNumber"></span> ${escape(footer.of)} <span class="totalPages"></span></span></div>`,
        margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      });
      return { pdf, pages: countPages(pdf), renderMs: Date.now() - started };
    } finally {
      await context.close();
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.browser = chromium.launch({ executablePath: this.env.CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      this.browser.then(
        (browser) => browser.on('disconnected', () => (this.browser = undefined)),
        (error: Error) => {
          this.logger.error({ err: error.message, path: this.env.CHROMIUM_PATH }, 'Chromium did not start');
          this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  async onModuleDestroy(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    await browser?.close();
  }
}

/** Page objects of the PDF (`/Type /Page`, not the `/Pages` tree nodes). */
export function countPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
