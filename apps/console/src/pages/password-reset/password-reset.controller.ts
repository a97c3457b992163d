import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { PublicPage } from '../../web/access';
import { parseForm } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { SignInRateLimitGuard } from '../../web/sign-in-rate-limit.guard';
import { ConsoleRequest } from '../../web/viewer';
import { CompletePasswordReset } from './complete-password-reset.use-case';
import { RESET_TEXTS } from './password-reset.texts';
import { RequestPasswordReset } from './request-password-reset.use-case';

/** Password reset by an emailed, single-use, expiring link; rate-limited per address with sign-in (SIGN_IN_RATE_LIMIT_PER_MINUTE). */
@Controller('password-reset')
@UseGuards(SignInRateLimitGuard)
export class PasswordResetController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly requestReset: RequestPasswordReset,
    private readonly completeReset: CompletePasswordReset,
  ) {}

  @Get()
  @PublicPage()
  show(@Req() request: ConsoleRequest, @Res() response: Response): void {
    const texts = RESET_TEXTS[languageOf(request)];
    this.pages.send(
      request,
      response,
      'pages/password-reset/request',
      { texts, errors: {}, values: {}, sent: false },
      { title: texts.title },
    );
  }

  @Post()
  @PublicPage()
  async request(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const lang = languageOf(request);
    const texts = RESET_TEXTS[lang];
    const form = parseForm(z.object({ email: z.string({ error: texts.emailRequired }).trim().email(texts.emailRequired).max(320) }), body);
    if (!form.ok)
      return this.pages.send(
        request,
        response,
        'pages/password-reset/request',
        { texts, errors: form.errors, values: form.values, sent: false },
        { title: texts.title, status: 422 },
      );
    await this.requestReset.execute(form.data.email, lang);
    this.pages.send(
      request,
      response,
      'pages/password-reset/request',
      { texts, errors: {}, values: {}, sent: true },
      { title: texts.title },
    );
  }

  @Get(':token')
  @PublicPage()
  async choose(@Req() request: ConsoleRequest, @Res() response: Response, @Param('token') token: string): Promise<void> {
    const texts = RESET_TEXTS[languageOf(request)];
    const usable = await this.completeReset.usable(token);
    this.pages.send(
      request,
      response,
      'pages/password-reset/choose',
      { texts, token, usable, errors: {} },
      { title: texts.newTitle, status: usable ? 200 : 410 },
    );
  }

  @Post(':token')
  @PublicPage()
  async save(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('token') token: string,
    @Body() body: unknown,
  ): Promise<void> {
    const texts = RESET_TEXTS[languageOf(request)];
    const schema = z
      .object({
        password: z.string({ error: texts.tooShort }).min(12, texts.tooShort).max(200, texts.tooLong),
        repeat: z.string({ error: texts.mismatch }),
      })
      .refine((input) => input.password === input.repeat, { path: ['repeat'], message: texts.mismatch });
    const form = parseForm(schema, body);
    if (!form.ok)
      return this.pages.send(
        request,
        response,
        'pages/password-reset/choose',
        { texts, token, usable: true, errors: form.errors },
        { title: texts.newTitle, status: 422 },
      );
    const done = await this.completeReset.execute(token, form.data.password);
    if (!done)
      return this.pages.send(
        request,
        response,
        'pages/password-reset/choose',
        { texts, token, usable: false, errors: {} },
        { title: texts.newTitle, status: 410 },
      );
    response.redirect(303, '/sign-in?notice=password-changed');
  }
}
