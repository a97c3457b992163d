import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { languageOf } from '../../web/language';
import { PageRenderer } from '../../web/page-renderer';
import { signedIn } from '../../web/signed-in';
import { ConsoleRequest } from '../../web/viewer';
import { BOARD_TEXTS } from './board.texts';
import { LoadBoard } from './load-board.use-case';

const filterQuery = z.object({
  municipality: z
    .string()
    .regex(/^\d{3}$/)
    .optional()
    .catch(undefined),
  plan: z.string().max(200).optional().catch(undefined),
  focusArea: z.string().max(300).optional().catch(undefined),
  state: z.enum(['met', 'at_risk', 'breached', 'no_data', 'stale', 'not_applicable']).optional().catch(undefined),
  owner: z.uuid().optional().catch(undefined),
});

/** Page 1: the status board (`/`), and its content as a fragment for htmx polling (`/board/content`). */
@Controller()
export class BoardController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly loadBoard: LoadBoard,
  ) {}

  @Get()
  async page(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const texts = BOARD_TEXTS[languageOf(request)];
    const view = await this.loadBoard.execute(signedIn(request), filterQuery.parse(emptyToUndefined(query)));
    this.pages.send(
      request,
      response,
      'pages/board/board',
      { texts, ...view, query: queryString(view.filter) },
      { title: texts.title, nav: 'board' },
    );
  }

  @Get('board/content')
  async content(@Req() request: ConsoleRequest, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const texts = BOARD_TEXTS[languageOf(request)];
    const view = await this.loadBoard.execute(signedIn(request), filterQuery.parse(emptyToUndefined(query)));
    this.pages.send(
      request,
      response,
      'pages/board/board-content',
      { texts, ...view, query: queryString(view.filter) },
      { title: texts.title },
    );
  }
}

function emptyToUndefined(query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
}

function queryString(filter: object): string {
  return new URLSearchParams(
    Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''),
  ).toString();
}
