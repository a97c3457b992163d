import { AlertKind } from './types';

export type EpisodeKind = 'breach' | 'at_risk';

export interface OpenEpisode {
  id: string;
  kind: EpisodeKind;
  status: 'open' | 'acknowledged';
}

/**
 * What an incoming alert does to a goal's episodes:
 * - `open`: a new breach or at-risk episode; its opening alert goes out. A breach supersedes an open
 *   at-risk episode (closed without a recovery notice: the breach alert says more).
 * - `repeat`: the same kind is already open (acknowledged or not): recorded, nobody is alerted again.
 * - `close`: a recovery ends every open episode; a recovery notice goes to each episode's recipients.
 * - `notice`: stale data and data-quality problems are one-off notices without an episode.
 * - `ignore`: a recovery with nothing open (nobody was told of a problem), or an at-risk warning
 *   while a breach is open (the breach already says more).
 */
export type EpisodeDecision =
  | { action: 'open'; kind: EpisodeKind; supersedes: string[] }
  | { action: 'repeat'; episodeId: string }
  | { action: 'close'; episodeIds: string[] }
  | { action: 'notice' }
  | { action: 'ignore'; reason: string };

export function decideEpisode(kind: AlertKind, open: readonly OpenEpisode[]): EpisodeDecision {
  const breach = open.find((episode) => episode.kind === 'breach');
  const atRisk = open.find((episode) => episode.kind === 'at_risk');
  switch (kind) {
    case 'breach':
      if (breach) return { action: 'repeat', episodeId: breach.id };
      return { action: 'open', kind: 'breach', supersedes: atRisk ? [atRisk.id] : [] };
    case 'at_risk':
      if (atRisk) return { action: 'repeat', episodeId: atRisk.id };
      if (breach) return { action: 'ignore', reason: 'a breach episode is open for the goal' };
      return { action: 'open', kind: 'at_risk', supersedes: [] };
    case 'recovery':
      if (open.length === 0) return { action: 'ignore', reason: 'no open episode to recover' };
      return { action: 'close', episodeIds: open.map((episode) => episode.id) };
    case 'stale':
    case 'data_quality':
      return { action: 'notice' };
    case 'correction':
      return { action: 'ignore', reason: 'a correction is decided by decideCorrection' };
  }
}

/** What a correction does to the goal's episodes: they follow the goal's state as of its latest period. */
export interface CorrectionDecision {
  /** Episodes the corrected judgement no longer supports (closed as corrected, without a recovery notice). */
  close: string[];
  /** An episode the corrected judgement calls for and that is not open (its opening message is the correction). */
  open: EpisodeKind | null;
}

export function decideCorrection(currentState: string, open: readonly OpenEpisode[]): CorrectionDecision {
  const breach = open.find((episode) => episode.kind === 'breach');
  const atRisk = open.find((episode) => episode.kind === 'at_risk');
  if (currentState === 'breached') return { close: atRisk ? [atRisk.id] : [], open: breach ? null : 'breach' };
  if (currentState === 'at_risk') return { close: breach ? [breach.id] : [], open: atRisk ? null : 'at_risk' };
  return { close: open.map((episode) => episode.id), open: null };
}

/** When the next reminder of an open episode is due: one interval after `from`, or when a silence ends if that is later. */
export function nextReminderAt(from: Date, intervalMs: number, silencedUntil?: Date | null): Date {
  const next = new Date(from.getTime() + intervalMs);
  return silencedUntil && silencedUntil > next ? silencedUntil : next;
}
