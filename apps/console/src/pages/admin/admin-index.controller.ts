import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../web/access';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { ConsoleRequest } from '../../web/viewer';
import { adminView } from './admin-view';
import { ADMIN_TEXTS } from './admin.texts';

/** Page 5, Admin: the overview of its sections (admins only; the services check the role again). */
@Controller('admin')
@RequireRole('admin')
export class AdminIndexController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  show(@Req() request: ConsoleRequest, @Res() response: Response): void {
    this.pages.send(request, response, 'pages/admin/admin-index', adminView(request, ''), {
      title: ADMIN_TEXTS[languageOf(request)].title,
      nav: 'admin',
    });
  }
}
