import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { RequireRole } from '../../web/access';
import { parseForm } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { AUDIT_TEXTS } from './audit.texts';
import { SearchAuditLog } from './search-audit-log.use-case';

const LIMIT = 200;
const TARGET_TYPES = ['user', 'episode', 'silence', 'plan', 'goal', 'owner', 'recipient', 'routing-rule', 'api-key', 'import', 'delivery'];

/** Page 7: the audit log with filters kept in the URL. */
@Controller('audit')
@RequireRole('admin')
export class AuditController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly search: SearchAuditLog,
  ) {}

  @Get()
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const texts = AUDIT_TEXTS[languageOf(request)];
    const blank = (value: unknown) => (value === '' ? undefined : value);
    const date = (label: string) =>
      z.preprocess(
        blank,
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, texts.badDate(label))
          .optional(),
      );
    const schema = z.object({
      actor: z.preprocess(blank, z.string().max(320).optional()),
      action: z.preprocess(blank, z.string().max(100).optional()),
      targetType: z.preprocess(blank, z.string().max(50).optional()),
      municipality: z.preprocess(
        blank,
        z
          .string()
          .regex(/^\d{3}$/)
          .optional(),
      ),
      from: date(texts.from),
      to: date(texts.to),
    });
    const form = parseForm(schema, query);
    const filter = form.ok ? form.data : {};
    const dayAfter = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000);
    const entries = await this.search.execute(signedIn(request), {
      ...filter,
      from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
      to: filter.to ? dayAfter(filter.to) : undefined,
      limit: LIMIT,
    });
    const values = form.ok ? Object.fromEntries(Object.entries(form.data).filter(([, v]) => v !== undefined)) : form.values;
    this.pages.send(
      request,
      response,
      'pages/audit/audit',
      { texts, entries, values, errors: form.ok ? {} : form.errors, targetTypes: TARGET_TYPES, limit: LIMIT },
      { title: texts.title, nav: 'audit', status: form.ok ? 200 : 422 },
    );
  }
}
