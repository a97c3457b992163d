import {
  acknowledgementLine,
  explanationOf,
  facts,
  formatMoment,
  headline,
  NotificationItem,
  RenderOptions,
  subjectOf,
  texts,
  title,
  toneOf,
  trendLine,
} from './view';

export interface EmailChart {
  /** Content-ID the HTML refers to (`cid:<cid>`). */
  cid: string;
  values: number[];
  tone: 'bad' | 'warning' | 'good' | 'neutral';
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Trend charts the sender attaches inline as PNG images. */
  charts: EmailChart[];
}

const COLOURS = { bad: '#b42318', warning: '#b54708', good: '#067647', neutral: '#344054' } as const;
const MAX_ITEMS = 50;

/** The email of a message: plain text and HTML in the recipient's language, with an inline trend chart per goal. */
export function renderEmail(items: readonly NotificationItem[], options: RenderOptions): RenderedEmail {
  const t = texts(options.language);
  const shown = items.slice(0, MAX_ITEMS);
  const charts: EmailChart[] = [];
  const textParts: string[] = [];
  const htmlParts: string[] = [];
  shown.forEach((item, index) => {
    const tone = toneOf(item);
    const rows = facts(item, options);
    const trend = trendLine(item, options.language);
    const ack = acknowledgementLine(item, options);
    const since =
      item.step === 'digest' && item.episode ? t.openSince(formatMoment(item.episode.openedAt, options.language, options.timeZone)) : null;
    textParts.push(
      [
        `${headline(item, options.language).toUpperCase()}: ${title(item)}`,
        explanationOf(item, options.language),
        ...(ack ? [ack] : []),
        ...(since ? [since] : []),
        '',
        ...rows.map(([label, value]) => `${label}: ${value}`),
        ...(trend ? [`${t.trend(item.trend.length)}: ${trend}`] : []),
        ...(item.links.goal ? [`${t.openGoal}: ${item.links.goal}`] : []),
        ...(item.links.acknowledge ? [`${t.acknowledge}: ${item.links.acknowledge}`] : []),
      ].join('\n'),
    );
    let chart = '';
    if (item.trend.length >= 2) {
      const cid = `trend-${index}@pejling`;
      charts.push({ cid, values: item.trend.map((point) => point.value), tone });
      chart = `<p style="margin:8px 0 0"><img src="cid:${cid}" width="240" height="60" alt="${escapeHtml(trend ?? '')}"><br><span style="color:#667085;font-size:12px">${escapeHtml(t.trend(item.trend.length))}: ${escapeHtml(trend ?? '')}</span></p>`;
    }
    const links = [
      item.links.goal ? `<a href="${escapeHtml(item.links.goal)}">${escapeHtml(t.openGoal)}</a>` : '',
      item.links.acknowledge
        ? `<a href="${escapeHtml(item.links.acknowledge)}" style="font-weight:bold">${escapeHtml(t.acknowledge)}</a>`
        : '',
    ].filter(Boolean);
    htmlParts.push(`<div style="border-left:4px solid ${COLOURS[tone]};padding:4px 12px;margin:16px 0">
<h3 style="margin:0;color:${COLOURS[tone]}">${escapeHtml(headline(item, options.language))}</h3>
<p style="margin:4px 0;font-weight:bold">${escapeHtml(title(item))}</p>
<p style="margin:4px 0">${escapeHtml(explanationOf(item, options.language))}</p>
${ack ? `<p style="margin:4px 0;background:#f2f4f7;padding:6px">${escapeHtml(ack)}</p>` : ''}${since ? `<p style="margin:4px 0">${escapeHtml(since)}</p>` : ''}
<table cellpadding="3" style="font-size:14px">${rows.map(([label, value]) => `<tr><th align="left" style="color:#475467">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('')}</table>
${chart}${links.length > 0 ? `<p style="margin:8px 0">${links.join(' · ')}</p>` : ''}
</div>`);
  });
  if (items.length > shown.length) {
    textParts.push(t.more(items.length - shown.length));
    htmlParts.push(`<p>${escapeHtml(t.more(items.length - shown.length))}</p>`);
  }
  if (items.length === 0 && options.digest) {
    textParts.push(t.digestEmpty);
    htmlParts.push(`<p>${escapeHtml(t.digestEmpty)}</p>`);
  }
  const subject = subjectOf(items, options);
  const text = [...textParts, '', t.footer].join('\n\n');
  const html = `<!doctype html><html lang="${options.language}"><body style="font-family:Arial,sans-serif;color:#101828;max-width:680px">
<h2 style="font-size:18px">${escapeHtml(subject)}</h2>
${htmlParts.join('\n')}
<p style="color:#98a2b3;font-size:12px">${escapeHtml(t.footer)}</p>
</body></html>`;
  return { subject, text, html, charts };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] as string);
}
