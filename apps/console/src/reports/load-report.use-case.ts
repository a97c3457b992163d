import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { goalRuleSchema, Plan, planSchema } from '@pejling/domain-goals';
import { findIndicator } from '@pejling/domain-indicators';
import { buildReport, ReportDataNote, ReportEvaluation, ReportGoalInput, ReportModel, ReportNote } from '@pejling/domain-reports';
import { evaluationsResponse, goalResponse, historyResponse } from '../services/goals-responses';
import { figureRevisionsList, qualityFlagList } from '../services/ingest-responses';
import { ServicesClient, UserServices } from '../services/services-client';
import { ReportsRepository, Report } from './reports.repository';
import { reportViewer } from './report-viewer';

const planView = z.looseObject({ document: z.unknown() });

export interface LoadedReport {
  report: Report;
  plan: Plan;
  model: ReportModel;
}

/**
 * Everything a committee report says, gathered from the services' APIs as the plan's municipality's
 * reader sees it: the plan as printed, every goal's judgements, the owners' notes from
 * notifications and the data notes (revisions, quality flags) from ingest; then built by the domain.
 */
@Injectable()
export class LoadReport {
  constructor(
    private readonly services: ServicesClient,
    private readonly reports: ReportsRepository,
  ) {}

  async execute(report: Report, lang: 'da' | 'en'): Promise<LoadedReport> {
    return (await this.executeIn(report, [lang]))[lang];
  }

  /** The report in several languages from one gathering: the services are asked once, whatever the languages. */
  async executeIn<L extends 'da' | 'en'>(report: Report, langs: readonly L[]): Promise<Record<L, LoadedReport>> {
    const api = this.services.forUser(reportViewer(report.municipality));
    const { document } = await api.get('goals', `/v1/plans/${encodeURIComponent(report.planId)}`, planView);
    const plan = planSchema.parse(document);
    const listed = await api.get('goals', `/v1/goals?municipality=${report.municipality}`, z.array(goalResponse));
    const [goals, sources, commentary] = await Promise.all([
      Promise.all(listed.filter((goal) => goal.planId === plan.id && goal.planGoalId).map((goal) => goalInput(api, goal))),
      dataSourcesOf(api, report),
      this.reports.commentary(report.id),
    ]);
    const built = langs.map(
      (lang) =>
        [
          lang,
          {
            report,
            plan,
            model: buildReport({ plan, period: report.period, lang, goals, dataNotes: dataNotesIn(sources, report, lang), commentary }),
          },
        ] as const,
    );
    return Object.fromEntries(built) as Record<L, LoadedReport>;
  }
}

async function goalInput(api: UserServices, goal: z.infer<typeof goalResponse>): Promise<ReportGoalInput> {
  const id = encodeURIComponent(goal.id);
  const [evaluations, history] = await Promise.all([
    api.get('goals', `/v1/goals/${id}/evaluations`, evaluationsResponse),
    api.get('notifications', `/v1/goals/${id}/history`, historyResponse),
  ]);
  const rule = goalRuleSchema.safeParse(goal.rule);
  return {
    goalId: goal.id,
    planGoalId: goal.planGoalId ?? '',
    unit: findIndicator(goal.indicator)?.unit === 'count' ? 'count' : 'percent',
    rule: rule.success ? rule.data : null,
    evaluations: evaluations
      .filter((evaluation) => evaluation.current && evaluation.kind !== 'staleness')
      .map((evaluation) => ({
        period: evaluation.period,
        value: evaluation.value,
        required: evaluation.required ?? null,
        state: evaluation.state,
        national: evaluation.benchmarks?.national ?? null,
        cluster: evaluation.benchmarks?.cluster ?? null,
        explanation: evaluation.explanation ?? null,
        parts: evaluation.inputs?.parts ?? null,
        nationalBasis: nationalBasisOf(evaluation.benchmarks?.nationalBasis),
      })),
    notes: notesOf(history),
  };
}

const nationalBasis = z.object({ source: z.enum(['official', 'municipalities']), municipalities: z.number().int(), of: z.number().int() });

function nationalBasisOf(raw: unknown): ReportEvaluation['nationalBasis'] {
  const basis = nationalBasis.safeParse(raw);
  return basis.success
    ? { official: basis.data.source === 'official', municipalities: basis.data.municipalities, of: basis.data.of }
    : null;
}

/** The acknowledgements' notes and every other note in the episodes' timelines, once each, without their authors. */
function notesOf(history: z.infer<typeof historyResponse>): ReportNote[] {
  const notes = new Map<string, ReportNote>();
  for (const episode of history.episodes) {
    const period = episode.latestPeriod ?? null;
    const add = (at: string, text: string | null | undefined) => {
      if (text && text.trim()) notes.set(`${at}|${text}`, { at, period, text: text.trim() });
    };
    add(episode.acknowledgement?.at ?? '', episode.acknowledgement?.note);
    for (const event of episode.history ?? []) if (event.type !== 'acknowledged') add(event.at, event.note);
  }
  return [...notes.values()].filter((note) => note.at !== '');
}

interface DataSources {
  flags: z.infer<typeof qualityFlagList>['flags'];
  revisions: z.infer<typeof figureRevisionsList>;
}

async function dataSourcesOf(api: UserServices, report: Report): Promise<DataSources> {
  const [flags, revisions] = await Promise.all([
    api.get('ingest', `/v1/quality-flags?municipality=${report.municipality}&status=all&limit=1000`, qualityFlagList),
    api.get('ingest', `/v1/figures/revisions?municipality=${report.municipality}&limit=1000`, figureRevisionsList),
  ]);
  return { flags: flags.flags, revisions };
}

/** Revised figures and quality flags of the municipality in the report period, as one line each. */
function dataNotesIn(sources: DataSources, report: Report, lang: 'da' | 'en'): ReportDataNote[] {
  const inPeriod = (period: string) => period.slice(0, 7) >= report.period.from && period.slice(0, 7) <= report.period.to;
  const quality: ReportDataNote[] = sources.flags
    .filter((flag) => inPeriod(flag.period))
    .map((flag) => ({ kind: 'quality', period: flag.period, text: flagText(flag.message, lang, flag.series) }));
  const revised: ReportDataNote[] = sources.revisions
    .filter((figure) => inPeriod(figure.period) && figure.revisions.length > 0)
    .map((figure) => {
      const first = figure.revisions[0];
      return {
        kind: 'revision',
        period: figure.period,
        text:
          lang === 'da'
            ? `${figure.series}: revideret fra ${first.previousValue} til ${figure.value} (${figure.revisions.length} gang(e))`
            : `${figure.series}: revised from ${first.previousValue} to ${figure.value} (${figure.revisions.length} time(s))`,
      };
    });
  return [...quality, ...revised];
}

function flagText(message: unknown, lang: 'da' | 'en', series: string): string {
  const parsed = z.union([z.string(), z.object({ da: z.string(), en: z.string() })]).safeParse(message);
  if (!parsed.success) return series;
  return `${series}: ${typeof parsed.data === 'string' ? parsed.data : parsed.data[lang]}`;
}
