import { ServiceRejection } from '../../../services/service-errors';
import type { PlanProblem } from './plans.schema';

/** The goals service's located errors (validate 422, PUT 400/422/403) as problems, each with its line's text. */
export function planProblemsOf(error: unknown, yaml: string): PlanProblem[] {
  if (!(error instanceof ServiceRejection)) throw error;
  const lines = yaml.split(/\r?\n/);
  const located = error.errors.map((problem) => ({
    line: typeof problem.line === 'number' ? problem.line : null,
    column: typeof problem.column === 'number' ? problem.column : null,
    path: problem.path ?? problem.field ?? '',
    message: problem.message ?? problem.reason ?? error.message,
  }));
  const problems = located.length ? located : [{ line: null, column: null, path: '', message: error.message }];
  return problems.map((problem) => ({ ...problem, source: problem.line ? lines[problem.line - 1]?.trim() : undefined }));
}
