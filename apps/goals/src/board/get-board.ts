import { Injectable } from '@nestjs/common';
import { findIndicator } from '@pejling/domain-indicators';
import { periodKind } from '@pejling/domain-kernel';
import { Principal, scopeFilter } from '@pejling/platform';
import { BoardFilter, BoardGoalRow, BoardRepository } from './board.repository';

export const BOARD_STATES = ['met', 'at_risk', 'breached', 'no_data', 'stale', 'not_applicable'] as const;
export type BoardState = (typeof BOARD_STATES)[number];

/** A goal on the board: its row without the plan's columns, with its unit and the sparkline of the judged period kind. */
export type BoardGoal = Omit<BoardGoalRow, 'planId' | 'planName' | 'planMunicipality' | 'focusAreaId' | 'focusAreaName' | 'readings'> & {
  unit: string | null;
  sparkline: { period: string; value: number }[];
};

export interface Board {
  counts: Record<BoardState, number>;
  plans: {
    id: string | null;
    name: string | null;
    municipality: string | null;
    focusAreas: { id: string | null; name: string | null; goals: BoardGoal[] }[];
  }[];
}

/**
 * The status board: every plan → focus area → goal the principal may see, with counts per state
 * on top. The counts follow every filter except `state`, so they show what the state filter would pick.
 */
@Injectable()
export class GetBoard {
  constructor(private readonly board: BoardRepository) {}

  async run(filter: Omit<BoardFilter, 'municipalities'> & { state?: BoardState }, principal: Principal): Promise<Board> {
    const rows = await this.board.goalRows({ ...filter, municipalities: scopeFilter(principal) });
    const counts = Object.fromEntries(BOARD_STATES.map((state) => [state, 0])) as Record<BoardState, number>;
    for (const row of rows) if (row.state in counts) counts[row.state as BoardState] += 1;
    const plans: Board['plans'] = [];
    for (const row of rows.filter((candidate) => !filter.state || candidate.state === filter.state)) {
      let plan = plans.find((known) => known.id === row.planId);
      if (!plan) {
        plan = { id: row.planId, name: row.planName, municipality: row.planMunicipality, focusAreas: [] };
        plans.push(plan);
      }
      let area = plan.focusAreas.find((known) => known.id === row.focusAreaId);
      if (!area) {
        area = { id: row.focusAreaId, name: row.focusAreaName, goals: [] };
        plan.focusAreas.push(area);
      }
      area.goals.push(boardGoal(row));
    }
    return { counts, plans };
  }
}

function boardGoal(row: BoardGoalRow): BoardGoal {
  const {
    readings,
    planId: _planId,
    planName: _planName,
    planMunicipality: _planMunicipality,
    focusAreaId: _focusAreaId,
    focusAreaName: _focusAreaName,
    ...goal
  } = row;
  // The sparkline keeps one period kind: the judged period's, else the latest reading's.
  const kindOf = row.statePeriod ?? readings[0]?.period;
  const kind = kindOf ? periodKind(kindOf) : undefined;
  const sparkline = readings
    .filter((reading) => periodKind(reading.period) === kind)
    .slice(0, 12)
    .reverse()
    .map((reading) => ({ period: reading.period, value: Number(reading.value) }));
  return {
    ...goal,
    value: goal.value === null ? null : Number(goal.value),
    target: goal.target === null ? null : Number(goal.target),
    gap: goal.gap === null ? null : Number(goal.gap),
    unit: findIndicator(row.indicator)?.unit ?? null,
    sparkline,
  };
}
