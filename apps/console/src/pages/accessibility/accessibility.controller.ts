import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicPage } from '../../web/access';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { ConsoleRequest } from '../../web/viewer';

/** The accessibility statement (tilgængelighedserklæring) Danish public-sector sites must publish; in Danish. */
@Controller('accessibility')
export class AccessibilityController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  @PublicPage()
  show(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const title = languageOf(request) === 'da' ? 'Tilgængelighedserklæring' : 'Accessibility statement (tilgængelighedserklæring)';
    this.pages.send(request, response, 'pages/accessibility/accessibility', {}, { title, nav: 'accessibility' });
  }
}
