import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { principalOf, READERS, Roles, ApiDoc } from '@pejling/platform';
import { BOARD_STATES, BoardState, GetBoard } from './get-board';
import { boardSchema } from './board-response';

/** The status board the console shows first: plans → focus areas → goals with their states. */
@Controller('v1/board')
export class BoardController {
  constructor(private readonly board: GetBoard) {}

  /** `?municipality=&plan=&focusArea=&state=&owner=` (owner: id or name). */
  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'The status board: plans → focus areas → goals, with counts per state', responses: { 200: boardSchema } })
  get(
    @Req() request: Request,
    @Query('municipality') municipality?: string,
    @Query('plan') plan?: string,
    @Query('focusArea') focusArea?: string,
    @Query('state') state?: string,
    @Query('owner') owner?: string,
  ) {
    if (municipality && !/^\d{3}$/.test(municipality))
      throw new BadRequestException(`municipality must be a 3-digit municipality code (got '${municipality.slice(0, 60)}')`);
    if (state && !(BOARD_STATES as readonly string[]).includes(state))
      throw new BadRequestException(`state must be one of ${BOARD_STATES.join(', ')}`);
    const blank = (value?: string) => (value?.trim() ? value.trim() : undefined);
    return this.board.run(
      {
        municipality: blank(municipality),
        plan: blank(plan),
        focusArea: blank(focusArea),
        owner: blank(owner),
        state: blank(state) as BoardState | undefined,
      },
      principalOf(request),
    );
  }
}
