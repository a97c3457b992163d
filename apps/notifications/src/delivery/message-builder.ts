import { Inject, Injectable } from '@nestjs/common';
import { ItemStep, NotificationItem, Recipient } from '@pejling/domain-alerting';
import { SERVICE_ENV } from '@pejling/platform';
import { signAckToken } from '../signing/ack-token';
import { NotificationsEnv } from '../notifications.env';
import { storedAcknowledgementOf } from './stored-acknowledgement';
import { StoredItem } from './delivery-items.repository';
import { storedAlertPayload, storedGoalPayload } from './stored-alert-payload';

/** Turns stored items into what templates render, with links to the goal and signed acknowledgement links. */
@Injectable()
export class MessageBuilder {
  constructor(@Inject(SERVICE_ENV) private readonly env: NotificationsEnv) {}

  toItem(row: StoredItem, recipient: Recipient, now: Date, stepOverride?: ItemStep): NotificationItem {
    const [stepName, number] = row.step.split('-');
    const step =
      stepOverride ??
      ((row.step.startsWith('reminder-') ? 'reminder' : row.step === 'endpoint-disabled' ? 'endpoint-disabled' : stepName) as ItemStep);
    const acknowledgement = row.acknowledged_at
      ? { by: row.acknowledged_by ?? '', note: row.acknowledgement_note ?? '', at: new Date(row.acknowledged_at).toISOString() }
      : storedAcknowledgementOf(row.id, row.details);
    const base: NotificationItem = {
      step,
      kind: row.alert_kind ?? 'data_quality',
      ...(step === 'reminder' ? { reminderNumber: Number(number) } : {}),
      municipality: row.alert_municipality ?? String(row.details.municipality ?? '000'),
      period: null,
      severity: null,
      goal: null,
      value: null,
      unit: 'count',
      rule: null,
      benchmarks: { national: null, cluster: null },
      indicatorLabel: null,
      explanation: { da: '', en: '' },
      trend: [],
      links: { goal: null, acknowledge: null },
      episode:
        row.episode_id && row.episode_kind && row.opened_at
          ? { id: row.episode_id, kind: row.episode_kind, openedAt: new Date(row.opened_at).toISOString() }
          : null,
      acknowledgement,
    };
    if (row.step === 'endpoint-disabled') return { ...base, ...endpointNotice(row.details) };
    if (row.event_type?.startsWith('goal.')) {
      const t = storedGoalPayload(row);
      const episodeId = row.episode_id;
      const canAcknowledge = (step === 'opened' || step === 'reminder') && episodeId !== null && row.episode_status === 'open';
      return {
        ...base,
        period: t.period,
        severity: t.severity,
        goal: {
          id: t.goalId,
          name: t.goalName,
          planGoalId: t.planGoalId,
          text: t.goalText,
          planName: t.plan?.name ?? null,
          focusArea: t.focusArea?.title ?? null,
        },
        value: t.value,
        unit: t.indicator.unit,
        rule: t.rule,
        benchmarks: t.benchmarks,
        indicatorLabel: { da: t.indicator.labelDa, en: t.indicator.labelEn },
        explanation: t.explanation,
        trend: t.trend,
        links: { goal: this.goalLink(t.goalId), acknowledge: canAcknowledge && episodeId ? this.ackLink(episodeId, recipient, now) : null },
        ...('corrects' in t ? { correction: { wasState: t.corrects.state, current: t.current } } : {}),
      };
    }
    if (row.event_type === 'figure.flagged') {
      const flagged = storedAlertPayload(row, 'figure.flagged');
      return {
        ...base,
        period: flagged.period,
        value: flagged.value,
        subject: `${flagged.series} (${flagged.check})`,
        explanation: flagged.message,
      };
    }
    if (row.event_type === 'pull.failed') {
      const failed = storedAlertPayload(row, 'pull.failed');
      return {
        ...base,
        period: failed.periods.at(-1) ?? null,
        subject: `Jobindsats ${failed.table}`,
        explanation: {
          da: `Den planlagte hentning af tabel ${failed.table} fra Jobindsats mislykkedes efter ${failed.attempt} forsøg; intet blev gemt. Fejl: ${failed.error}`,
          en: `The scheduled pull of table ${failed.table} from Jobindsats failed after ${failed.attempt} attempts; nothing was stored. Error: ${failed.error}`,
        },
      };
    }
    return base;
  }

  goalLink(goalId: string): string {
    return this.env.GOAL_LINK_TEMPLATE.replace('{goalId}', goalId);
  }

  ackLink(episodeId: string, recipient: Recipient, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + this.env.ACK_LINK_TTL_DAYS * 86_400;
    const token = signAckToken(this.env.ACK_LINK_SECRET, {
      episodeId,
      recipientKey: recipient.key,
      recipientName: recipient.name,
      expires,
      issuedAt: now.getTime(),
    });
    return `${this.env.PUBLIC_URL.replace(/\/$/, '')}/v1/ack/${token}`;
  }
}

function endpointNotice(details: Record<string, unknown>): Partial<NotificationItem> {
  const endpoint = String(details.endpoint ?? '');
  const channel = String(details.channel ?? 'webhook');
  return {
    subject: `${channel}: ${endpoint}`,
    explanation: {
      da: `Endepunktet (${channel}, ${endpoint}) svarede ${details.statusCode} Gone og er slået fra; Pejling sender ikke mere dertil. Giv en ny adresse, eller bed en administrator slå det til igen.`,
      en: `The endpoint (${channel}, ${endpoint}) answered ${details.statusCode} Gone and is disabled; Pejling sends nothing more there. Give a new address, or ask an admin to enable it again.`,
    },
  };
}
