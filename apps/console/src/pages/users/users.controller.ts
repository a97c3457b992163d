import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { newUserInput, userChangesInput } from '../../users/user-input';
import { UsersRepository } from '../../users/users.repository';
import { RequireRole } from '../../web/access';
import { parseForm } from '../../web/form';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { CreateUser } from './create-user.use-case';
import { LoadLinkChoices } from './link-choices';
import { ListUsers } from './list-users.use-case';
import { UpdateUser } from './update-user.use-case';
import { USERS_TEXTS } from './users.texts';

/** The users admin page (unscoped admins): create users, change role, scope and link, deactivate. */
@Controller('users')
@RequireRole('admin')
export class UsersController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listUsers: ListUsers,
    private readonly createUser: CreateUser,
    private readonly updateUser: UpdateUser,
    private readonly users: UsersRepository,
    private readonly links: LoadLinkChoices,
  ) {}

  @Get()
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    const texts = USERS_TEXTS[languageOf(request)];
    const view = await this.listUsers.execute(signedIn(request));
    this.pages.send(
      request,
      response,
      'pages/users/users',
      {
        texts,
        ...view,
        errors: {},
        values: { role: 'viewer', municipalities: '*' },
        notice: notice === 'created' ? texts.created : notice === 'saved' ? texts.saved : undefined,
      },
      { title: texts.title, nav: 'users' },
    );
  }

  @Post()
  async create(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const lang = languageOf(request);
    const texts = USERS_TEXTS[lang];
    const viewer = signedIn(request);
    const form = parseForm(newUserInput(lang), body);
    const rerender = async (errors: Record<string, string>, values: Record<string, string>) => {
      const view = await this.listUsers.execute(viewer);
      this.pages.send(
        request,
        response,
        'pages/users/users',
        { texts, ...view, errors, values },
        { title: texts.title, nav: 'users', status: 422 },
      );
    };
    if (!form.ok) return rerender(form.errors, form.values);
    const result = await this.createUser.execute(viewer, form.data);
    if (result.kind === 'exists') return rerender({ email: texts.exists }, { ...(body as Record<string, string>), password: '' });
    response.redirect(303, '/users?notice=created');
  }

  @Get(':id')
  async edit(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const texts = USERS_TEXTS[languageOf(request)];
    const viewer = signedIn(request);
    const [view, user] = await Promise.all([this.listUsers.execute(viewer), this.users.findById(id)]);
    if (!user) return response.redirect(303, '/users');
    const values = {
      name: user.name,
      role: user.role,
      municipalities: user.municipalities.join(', '),
      ownerId: user.ownerId ?? '',
      recipientId: user.recipientId ?? '',
    };
    this.pages.send(
      request,
      response,
      'pages/users/edit',
      { texts, user, links: view.links, values, errors: {} },
      { title: texts.editTitle(user.email), nav: 'users' },
    );
  }

  @Post(':id')
  async save(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const lang = languageOf(request);
    const texts = USERS_TEXTS[lang];
    const viewer = signedIn(request);
    const user = await this.users.findById(id);
    if (!user) return response.redirect(303, '/users');
    const form = parseForm(userChangesInput(lang), body);
    const rerender = async (errors: Record<string, string>, values: Record<string, string>) => {
      const links = await this.links.execute(viewer);
      this.pages.send(
        request,
        response,
        'pages/users/edit',
        { texts, user, links, values, errors },
        { title: texts.editTitle(user.email), nav: 'users', status: 422 },
      );
    };
    if (!form.ok) return rerender(form.errors, form.values);
    const result = await this.updateUser.execute(viewer, id, {
      ...form.data,
      ownerId: form.data.ownerId ?? null,
      recipientId: form.data.recipientId ?? null,
    });
    if (result.kind === 'not-self') return rerender({ form: texts.notSelf }, form.ok ? (body as Record<string, string>) : {});
    response.redirect(303, '/users?notice=saved');
  }

  @Post(':id/active')
  async setActive(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<void> {
    const parsed = z.object({ active: z.enum(['true', 'false']) }).safeParse(body);
    if (!parsed.success) throw new BadRequestException('active must be true or false');
    const result = await this.updateUser.execute(signedIn(request), id, { active: parsed.data.active === 'true' });
    response.redirect(303, result.kind === 'not-self' ? `/users/${id}` : '/users?notice=saved');
  }
}
