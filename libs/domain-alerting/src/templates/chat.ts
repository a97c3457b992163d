import {
  acknowledgementLine,
  explanationOf,
  facts,
  headline,
  NotificationItem,
  RenderOptions,
  subjectOf,
  texts,
  title,
  toneOf,
  trendLine,
} from './view';

/** Chat cards stay within Teams' (~28 KB) and Slack's (50 blocks) limits: the rest is summarised. */
const MAX_CHAT_ITEMS = 8;

/**
 * The payload a Microsoft Teams Workflows webhook ("When a Teams webhook request is received",
 * which replaced the retired Office 365 connectors) accepts: a message with one Adaptive Card 1.4.
 */
export function renderTeams(items: readonly NotificationItem[], options: RenderOptions): object {
  const t = texts(options.language);
  const shown = items.slice(0, MAX_CHAT_ITEMS);
  const style = { bad: 'attention', warning: 'warning', good: 'good', neutral: 'emphasis' } as const;
  const body: object[] = [
    { type: 'TextBlock', text: subjectOf(items, options), weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading' },
  ];
  for (const item of shown) {
    const trend = trendLine(item, options.language);
    const ack = acknowledgementLine(item, options);
    const actions = [
      ...(item.links.goal ? [{ type: 'Action.OpenUrl', title: t.openGoal, url: item.links.goal }] : []),
      ...(item.links.acknowledge ? [{ type: 'Action.OpenUrl', title: t.acknowledge, url: item.links.acknowledge }] : []),
    ];
    body.push({
      type: 'Container',
      style: style[toneOf(item)],
      bleed: true,
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: headline(item, options.language), weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: title(item), wrap: true },
        { type: 'TextBlock', text: explanationOf(item, options.language), wrap: true, isSubtle: false },
        ...(ack ? [{ type: 'TextBlock', text: ack, wrap: true, isSubtle: true }] : []),
        { type: 'FactSet', facts: facts(item, options).map(([label, value]) => ({ title: label, value })) },
        ...(trend
          ? [{ type: 'TextBlock', text: `${t.trend(item.trend.length)}: ${trend}`, wrap: true, fontType: 'Monospace', size: 'Small' }]
          : []),
        ...(actions.length > 0 ? [{ type: 'ActionSet', actions }] : []),
      ],
    });
  }
  if (items.length > shown.length) body.push({ type: 'TextBlock', text: t.more(items.length - shown.length), wrap: true, isSubtle: true });
  if (items.length === 0 && options.digest) body.push({ type: 'TextBlock', text: t.digestEmpty, wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body,
        },
      },
    ],
  };
}

/** A Slack incoming-webhook message in Block Kit; `text` is the notification fallback. */
export function renderSlack(items: readonly NotificationItem[], options: RenderOptions): { text: string; blocks: object[] } {
  const t = texts(options.language);
  const shown = items.slice(0, MAX_CHAT_ITEMS);
  const subject = subjectOf(items, options);
  const emoji = { bad: ':red_circle:', warning: ':large_orange_circle:', good: ':large_green_circle:', neutral: ':white_circle:' } as const;
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150), emoji: true } }];
  for (const item of shown) {
    const trend = trendLine(item, options.language);
    const ack = acknowledgementLine(item, options);
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${emoji[toneOf(item)]} *${slackEscape(headline(item, options.language))}*\n*${slackEscape(title(item))}*\n${slackEscape(explanationOf(item, options.language))}${ack ? `\n_${slackEscape(ack)}_` : ''}`,
      },
    });
    blocks.push({
      type: 'section',
      fields: facts(item, options)
        .slice(0, 10)
        .map(([label, value]) => ({ type: 'mrkdwn', text: `*${slackEscape(label)}*\n${slackEscape(value)}` })),
    });
    if (trend)
      blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${slackEscape(t.trend(item.trend.length))}: \`${trend}\`` }] });
    const buttons = [
      ...(item.links.goal ? [{ type: 'button', text: { type: 'plain_text', text: t.openGoal }, url: item.links.goal }] : []),
      ...(item.links.acknowledge
        ? [
            {
              type: 'button',
              style: 'primary',
              text: { type: 'plain_text', text: t.acknowledge.slice(0, 75) },
              url: item.links.acknowledge,
            },
          ]
        : []),
    ];
    if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
    blocks.push({ type: 'divider' });
  }
  if (items.length > shown.length)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: t.more(items.length - shown.length) }] });
  if (items.length === 0 && options.digest) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: t.digestEmpty } });
  return { text: subject, blocks };
}

/** Slack mrkdwn needs &, < and > escaped. */
function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
