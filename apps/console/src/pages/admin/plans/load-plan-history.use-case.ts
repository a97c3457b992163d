import { Injectable } from '@nestjs/common';
import { ServicesClient } from '../../../services/services-client';
import type { Viewer } from '../../../web/viewer';
import { PlanDiff, planDiff } from './plan-diff';
import { PlanSummary, planList, PlanVersion, planVersions } from './plans.schema';

export interface PlanHistory {
  plan: PlanSummary | undefined;
  versions: PlanVersion[];
  /** The compared versions (the last two by default) and their diff; undefined with one version. */
  compare?: { from: number; to: number; diff: PlanDiff };
}

/** A plan's versions with their effective months and authors, and the diff of two of them. */
@Injectable()
export class LoadPlanHistory {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer, id: string, wanted: { from?: number; to?: number }): Promise<PlanHistory> {
    const api = this.services.forUser(viewer);
    const path = `/v1/plans/${encodeURIComponent(id)}`;
    const [versions, plans] = await Promise.all([
      api.get('goals', `${path}/versions`, planVersions),
      api.get('goals', '/v1/plans', planList),
    ]);
    const plan = plans.find((candidate) => candidate.id === id);
    const numbers = versions.map((version) => version.version);
    if (numbers.length < 2) return { plan, versions };
    const pick = (value: number | undefined, fallback: number) => (value !== undefined && numbers.includes(value) ? value : fallback);
    const from = pick(wanted.from, numbers[numbers.length - 2]);
    const to = pick(wanted.to, numbers[numbers.length - 1]);
    const text = async (version: number) =>
      (await api.call('goals', 'GET', `${path}?version=${version}`, { accept: 'application/yaml' })).text;
    const [before, after] = await Promise.all([text(from), text(to)]);
    return { plan, versions, compare: { from, to, diff: planDiff(before, after) } };
  }
}
