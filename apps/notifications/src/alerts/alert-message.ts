import { GoalTransition } from '@pejling/contracts';
import { describeRule, findMunicipality, formatNumberDa } from '@pejling/domain';

const SUBJECT = { breach: 'Mål brudt', at_risk: 'Mål i risiko', recovery: 'Mål opfyldt igen' } as const;
const STATUS: Record<string, string> = {
  met: 'Opfyldt / Met',
  at_risk: 'I risiko / At risk',
  breached: 'Ikke opfyldt / Not met',
  no_data: 'Ingen data / No data',
  stale: 'Forældede data / Stale data',
  not_applicable: 'Gælder ikke / Not applicable',
  pending: 'Afventer / Pending',
};
const COLOUR = { breach: '#b42318', at_risk: '#b54708', recovery: '#067647' } as const;

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The email an owner receives: what happened, the figures, and the explanation in Danish and English. */
export function renderEmail(alert: GoalTransition): EmailContent {
  const municipality = findMunicipality(alert.municipality)?.name ?? alert.municipality;
  const subject = `${SUBJECT[alert.transition]}: ${alert.goalName} (${municipality}, ${alert.period})`;
  const target = `${describeRule(alert.rule, 'da')} / ${describeRule(alert.rule, 'en')}`;
  const facts = [
    ['Mål / Goal', alert.goalName],
    ['Kommune / Municipality', `${municipality} (${alert.municipality})`],
    ['Periode / Period', alert.period],
    ['Værdi / Value', alert.value === null ? '–' : `${formatNumberDa(alert.value, 2)} %`],
    ['Målsætning / Target', target],
    ['Status', STATUS[alert.state] ?? alert.state],
  ];
  const text = [
    alert.explanation.da,
    '',
    alert.explanation.en,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    '',
    `Goal id: ${alert.goalId} · evaluation ${alert.evaluationId}`,
  ].join('\n');
  const rows = facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html lang="da"><body style="font-family:sans-serif">
<h2 style="color:${COLOUR[alert.transition]}">${escapeHtml(subject)}</h2>
<p>${escapeHtml(alert.explanation.da)}</p>
<p lang="en" style="color:#555">${escapeHtml(alert.explanation.en)}</p>
<table cellpadding="4">${rows}</table>
<p style="color:#888;font-size:12px">Goal id ${escapeHtml(alert.goalId)} · evaluation ${escapeHtml(alert.evaluationId)}</p>
</body></html>`;
  return { subject, text, html };
}

/** The JSON body of a webhook: a stable envelope integrators can dedupe on (`id` = delivery id). */
export function renderWebhookBody(deliveryId: string, eventType: string, eventId: string, alert: GoalTransition): string {
  return JSON.stringify({ id: deliveryId, type: eventType, eventId, sentAt: new Date().toISOString(), data: alert });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}
