import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { clientAddress } from '@pejling/platform';
import { CONSOLE_ENV, ConsoleEnv } from '../../console.env';
import { PublicPage } from '../../web/access';
import { ANONYMOUS_CSRF_COOKIE, clearSessionCookie, cookieOptions, setSessionCookie } from '../../web/cookies';
import { parseForm, safeNext } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { SignInRateLimitGuard } from '../../web/sign-in-rate-limit.guard';
import { ConsoleRequest } from '../../web/viewer';
import { SIGN_IN_TEXTS } from './sign-in.texts';
import { SignIn } from './sign-in.use-case';
import { SignOut } from './sign-out.use-case';

const TEMPLATE = 'pages/sign-in/sign-in';

@Controller()
export class SignInController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly signIn: SignIn,
    private readonly signOut: SignOut,
    @Inject(CONSOLE_ENV) private readonly env: ConsoleEnv,
  ) {}

  @Get('sign-in')
  @PublicPage()
  show(@Req() request: ConsoleRequest, @Res() response: Response, @Query('next') next?: string, @Query('notice') notice?: string): void {
    if (request.viewer) return response.redirect(303, safeNext(next));
    const texts = SIGN_IN_TEXTS[languageOf(request)];
    const message = notice === 'signed-out' ? texts.signedOut : notice === 'password-changed' ? texts.passwordChanged : undefined;
    this.pages.send(
      request,
      response,
      TEMPLATE,
      { texts, next: safeNext(next), notice: message, errors: {}, values: {} },
      { title: texts.title },
    );
  }

  @Post('sign-in')
  @PublicPage()
  @UseGuards(SignInRateLimitGuard)
  async submit(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = SIGN_IN_TEXTS[languageOf(request)];
    const form = parseForm(
      z.object({
        email: z.string({ error: texts.emailRequired }).trim().min(1, texts.emailRequired).max(320),
        password: z.string({ error: texts.passwordRequired }).min(1, texts.passwordRequired).max(1000),
        next: z.string().optional(),
      }),
      body,
    );
    const render = (status: number, data: Record<string, unknown>) =>
      this.pages.send(
        request,
        response,
        TEMPLATE,
        { texts, next: safeNext((body as { next?: unknown })?.next), ...data },
        { title: texts.title, status },
      );
    if (!form.ok) return render(422, { errors: form.errors, values: form.values });
    const result = await this.signIn.execute({ email: form.data.email, password: form.data.password, ip: clientAddress(request) });
    const values = { email: form.data.email };
    switch (result.kind) {
      case 'signed-in':
        response.clearCookie(ANONYMOUS_CSRF_COOKIE, cookieOptions(this.env));
        setSessionCookie(response, this.env, result.sessionToken);
        return response.redirect(303, safeNext(form.data.next));
      case 'wrong-credentials':
        return render(401, { errors: { form: texts.wrong }, values });
      case 'locked':
        return render(423, { errors: { form: texts.locked(result.minutes) }, values });
      case 'throttled':
        return render(429, { errors: { form: texts.throttled(result.minutes) }, values });
    }
  }

  @Post('sign-out')
  async end(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    if (request.viewer && request.consoleSession) await this.signOut.execute(request.viewer, request.consoleSession.tokenHash);
    clearSessionCookie(response, this.env);
    response.redirect(303, '/sign-in?notice=signed-out');
  }
}
