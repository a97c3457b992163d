import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { ALERTS_TEXTS } from '../alerts/alerts.texts';
import { GOAL_TEXTS } from './goal.texts';
import { LoadGoalPage } from './load-goal-page.use-case';

/**
 * Page 2: `/goals/:id`, the target of the "open the goal" link in every email, Teams and Slack
 * message; `/goals/:id/live` is the part htmx polls (state, explanation, timeline).
 */
@Controller('goals')
export class GoalController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadGoalPage: LoadGoalPage,
  ) {}

  @Get(':id')
  async page(
    @Req() request: ConsoleRequest,
    @Res() response: Response,
    @Param('id') id: string,
    @Query('notice') notice?: string,
  ): Promise<void> {
    const lang = languageOf(request);
    const view = await this.loadGoalPage.execute(signedIn(request), id, lang);
    const texts = GOAL_TEXTS[lang];
    const data = {
      texts,
      alertTexts: ALERTS_TEXTS[lang],
      ...view,
      notice: notice === 'acknowledged' ? texts.noticeAcknowledged : undefined,
      ackErrors: {},
    };
    this.pages.send(request, response, 'pages/goal/goal', data, {
      title:
        view.goal.planGoalId && !view.goal.name.startsWith(view.goal.planGoalId)
          ? `${view.goal.planGoalId}: ${view.goal.name}`
          : view.goal.name,
      titleLang: 'da',
    });
  }

  @Get(':id/live')
  async live(@Req() request: ConsoleRequest, @Res() response: Response, @Param('id') id: string): Promise<void> {
    const lang = languageOf(request);
    const view = await this.loadGoalPage.execute(signedIn(request), id, lang);
    this.pages.send(
      request,
      response,
      'pages/goal/goal-live',
      { texts: GOAL_TEXTS[lang], alertTexts: ALERTS_TEXTS[lang], ...view, ackErrors: {} },
      { title: view.goal.name },
    );
  }
}
