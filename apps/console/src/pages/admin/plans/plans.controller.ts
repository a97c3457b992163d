import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequireRole } from '../../../web/access';
import { languageOf } from '../../../web/language';
import { PageRenderer } from '../../../web/page-renderer';
import { signedIn } from '../../../web/signed-in';
import { ConsoleRequest } from '../../../web/viewer';
import { adminView } from '../admin-view';
import { textField } from '../shared/field-errors';
import { CheckPlan } from './check-plan.use-case';
import { ListPlans } from './list-plans.use-case';
import { LoadPlanHistory } from './load-plan-history.use-case';
import { LoadPlanText } from './load-plan-text.use-case';
import { PlanProblem } from './plans.schema';
import { PLANS_TEXTS, PlansTexts } from './plans.texts';
import { readUpload } from './read-upload';
import { SavePlan } from './save-plan.use-case';

interface EditorState {
  yaml: string;
  effectiveFrom: string;
  heading: string;
  errors: Record<string, string>;
  problems?: PlanProblem[];
  valid?: { id: string; name: string; goals: number };
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Admin → plans: the list, a YAML editor (upload or paste) checked by the goals service with each
 * problem by line, column and field before saving, and each plan's versions with a diff.
 */
@Controller('admin/plans')
@RequireRole('admin')
export class AdminPlansController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly listPlans: ListPlans,
    private readonly checkPlan: CheckPlan,
    private readonly savePlan: SavePlan,
    private readonly loadHistory: LoadPlanHistory,
    private readonly loadText: LoadPlanText,
  ) {}

  @Get()
  async list(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const plans = await this.listPlans.execute(signedIn(request));
    const editor: EditorState = { yaml: '', effectiveFrom: '', heading: texts.newHeading, errors: {} };
    this.pages.send(
      request,
      response,
      'pages/admin/plans/plans',
      { ...adminView(request, 'plans'), texts, plans, ...editor },
      { title: texts.title, nav: 'admin' },
    );
  }

  @Get(':id/edit')
  async edit(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const yaml = await this.loadText.execute(signedIn(request), id);
    this.renderEditor(request, response, texts, { yaml, effectiveFrom: '', heading: `${texts.editorHeading}: ${id}`, errors: {} }, 200);
  }

  @Get(':id')
  async history(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const number = (value: string | undefined) => (value && /^\d{1,6}$/.test(value) ? Number(value) : undefined);
    const history = await this.loadHistory.execute(signedIn(request), id, { from: number(query.from), to: number(query.to) });
    const saved = number(query.saved);
    const notice = saved !== undefined ? texts.saved(saved) : query.unchanged === '1' ? texts.unchanged : undefined;
    const title = `${texts.title}: ${history.plan?.title ?? id}`;
    this.pages.send(
      request,
      response,
      'pages/admin/plans/plan-history',
      { ...adminView(request, 'plans', notice), texts, id, ...history },
      { title, nav: 'admin' },
    );
  }

  @Post('check')
  async check(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const state = this.editorInput(texts, body);
    if (Object.keys(state.errors).length) return this.renderEditor(request, response, texts, state, 422);
    const result = await this.checkPlan.execute(signedIn(request), state.yaml);
    this.renderEditor(
      request,
      response,
      texts,
      result.ok ? { ...state, valid: result.plan } : { ...state, problems: result.problems },
      result.ok ? 200 : 422,
    );
  }

  @Post('upload')
  async upload(@Req() request: ConsoleRequest, @Res() response: Response): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const upload = await readUpload(request);
    const base: EditorState = { yaml: '', effectiveFrom: '', heading: texts.newHeading, errors: {} };
    if (!upload.ok)
      return this.renderEditor(
        request,
        response,
        texts,
        { ...base, errors: { file: upload.reason === 'too-large' ? texts.uploadTooLarge : texts.uploadMissing } },
        422,
      );
    const result = await this.checkPlan.execute(signedIn(request), upload.text);
    const state = { ...base, heading: `${texts.newHeading}: ${upload.filename}`, yaml: upload.text };
    this.renderEditor(
      request,
      response,
      texts,
      result.ok ? { ...state, valid: result.plan } : { ...state, problems: result.problems },
      result.ok ? 200 : 422,
    );
  }

  @Post('save')
  async save(@Req() request: ConsoleRequest, @Res() response: Response, @Body() body: unknown): Promise<void> {
    const texts = PLANS_TEXTS[languageOf(request)];
    const state = this.editorInput(texts, body);
    if (Object.keys(state.errors).length) return this.renderEditor(request, response, texts, state, 422);
    const result = await this.savePlan.execute(signedIn(request), state.yaml, state.effectiveFrom || undefined);
    if (!result.ok) return this.renderEditor(request, response, texts, { ...state, problems: result.problems }, 422);
    const target = `/admin/plans/${encodeURIComponent(result.id)}?${result.changed ? `saved=${result.version}` : 'unchanged=1'}`;
    if (request.headers['hx-request'] === 'true') response.status(200).setHeader('HX-Redirect', target).end();
    else response.redirect(303, target);
  }

  private editorInput(texts: PlansTexts, body: unknown): EditorState {
    const yaml = typeof (body as { yaml?: unknown })?.yaml === 'string' ? (body as { yaml: string }).yaml : '';
    const effectiveFrom = textField(body, 'effectiveFrom');
    const errors: Record<string, string> = {};
    if (!yaml.trim()) errors.yaml = texts.yamlMissing;
    if (effectiveFrom && !MONTH.test(effectiveFrom)) errors.effectiveFrom = texts.effectiveFromInvalid;
    return { yaml, effectiveFrom, heading: texts.editorHeading, errors };
  }

  /** The editor alone for htmx (swapped in place), else the editor page. */
  private renderEditor(request: ConsoleRequest, response: Response, texts: PlansTexts, state: EditorState, status: number): void {
    const htmx = request.headers['hx-request'] === 'true';
    const template = htmx ? 'pages/admin/plans/plan-editor' : 'pages/admin/plans/plan-edit';
    this.pages.send(
      request,
      response,
      template,
      { ...adminView(request, 'plans'), texts, ...state },
      { title: texts.title, nav: 'admin', status },
    );
  }
}
