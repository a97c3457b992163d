import { GoalTransitionV1 } from '@pejling/contracts';
import { findMunicipality, formatNumberDa } from '@pejling/domain';

const COMPARATOR_SYMBOL = { lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The email an owner receives: what happened, the figures, and the explanation in Danish and English. */
export function renderEmail(alert: GoalTransitionV1): EmailContent {
  const municipality = findMunicipality(alert.municipality)?.name ?? alert.municipality;
  const breached = alert.transition === 'breach';
  const subject = `${breached ? 'Mål brudt' : 'Mål opfyldt igen'}: ${alert.goalName} (${municipality}, ${alert.period})`;
  const target = `${COMPARATOR_SYMBOL[alert.rule.comparator]} ${formatNumberDa(alert.rule.target, 1)} %`;
  const facts = [
    ['Mål / Goal', alert.goalName],
    ['Kommune / Municipality', `${municipality} (${alert.municipality})`],
    ['Periode / Period', alert.period],
    ['Værdi / Value', `${formatNumberDa(alert.value, 2)} %`],
    ['Målsætning / Target', target],
    ['Status', breached ? 'Ikke opfyldt / Not met' : 'Opfyldt / Met'],
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
<h2 style="color:${breached ? '#b42318' : '#067647'}">${escapeHtml(subject)}</h2>
<p>${escapeHtml(alert.explanation.da)}</p>
<p lang="en" style="color:#555">${escapeHtml(alert.explanation.en)}</p>
<table cellpadding="4">${rows}</table>
<p style="color:#888;font-size:12px">Goal id ${escapeHtml(alert.goalId)} · evaluation ${escapeHtml(alert.evaluationId)}</p>
</body></html>`;
  return { subject, text, html };
}

/** The JSON body of a webhook: a stable envelope integrators can dedupe on (`id` = delivery id). */
export function renderWebhookBody(deliveryId: string, eventType: string, eventId: string, alert: GoalTransitionV1): string {
  return JSON.stringify({ id: deliveryId, type: eventType, eventId, sentAt: new Date().toISOString(), data: alert });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}
