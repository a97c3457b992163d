import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { PublicPage } from '../../web/access';
import { safeNext } from '../../web/form';
import { LANGUAGE_COOKIE } from '../../web/language';

/** The language switch: a preference cookie (no server state changes, so a plain link suffices). */
@Controller('language')
export class LanguageController {
  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {}

  @Get()
  @PublicPage()
  switch(@Res() response: Response, @Query('to') to?: string, @Query('back') back?: string): void {
    response.cookie(LANGUAGE_COOKIE, to === 'en' ? 'en' : 'da', {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.env.COOKIE_SECURE,
      path: '/',
      maxAge: 365 * 86_400_000,
    });
    response.redirect(303, safeNext(back));
  }
}
