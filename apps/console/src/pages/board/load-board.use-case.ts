import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServicesClient } from '../../services/services-client';
import type { Viewer } from '../../web/viewer';
import { Board, BoardGoal, boardResponse, GOAL_STATES } from './board.schema';

export interface BoardFilter {
  municipality?: string;
  plan?: string;
  focusArea?: string;
  state?: string;
  owner?: string;
}

const episodeRow = z.looseObject({ goalId: z.string().nullable().optional() });

export interface BoardView {
  board: Board;
  /** The viewer's own goals (owner link) with their open alerts, shown first. */
  mine: BoardGoal[];
  /** Goals with an open alert episode (for the "alert" mark). */
  alerting: Set<string>;
  choices: {
    municipalities: string[];
    plans: { id: string; name: string }[];
    focusAreas: string[];
    owners: { id: string; name: string }[];
  };
  filter: BoardFilter;
  states: readonly string[];
}

/**
 * The status board: the goals service's board (scoped by the services to the viewer's municipalities),
 * filtered as the URL says, and the viewer's own goals first when they are linked to an owner.
 */
@Injectable()
export class LoadBoard {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, filter: BoardFilter): Promise<BoardView> {
    const api = this.services.forUser(viewer);
    const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => !!entry[1]));
    const [board, unfiltered, episodes] = await Promise.all([
      api.get('goals', `/v1/board?${query}`, boardResponse),
      // The owner and plan choices come from the whole board, not the filtered one.
      query.size ? api.get('goals', '/v1/board', boardResponse) : undefined,
      api.get('notifications', '/v1/episodes?status=open', z.array(episodeRow)),
    ]);
    const whole = unfiltered ?? board;
    const all = whole.plans.flatMap((plan) => plan.focusAreas.flatMap((area) => area.goals));
    const owners = new Map<string, string>();
    for (const goal of all) for (const owner of goal.owners) owners.set(owner.id, owner.name);
    const plans = whole.plans.filter((plan) => plan.id && plan.name).map((plan) => ({ id: plan.id as string, name: plan.name as string }));
    const focusAreas = [
      ...new Set(whole.plans.flatMap((plan) => plan.focusAreas.map((area) => area.name)).filter((name): name is string => !!name)),
    ].sort();
    const municipalities = [...new Set(all.map((goal) => goal.municipality))].sort();
    const alerting = new Set(episodes.map((episode) => episode.goalId).filter((id): id is string => !!id));
    const mine = viewer.ownerId
      ? board.plans
          .flatMap((plan) => plan.focusAreas.flatMap((area) => area.goals))
          .filter((goal) => goal.owners.some((owner) => owner.id === viewer.ownerId))
          .sort((a, b) => Number(alerting.has(b.id)) - Number(alerting.has(a.id)))
      : [];
    const ownerChoices = [...owners].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'da'));
    return { board, mine, alerting, choices: { municipalities, plans, focusAreas, owners: ownerChoices }, filter, states: GOAL_STATES };
  }
}
