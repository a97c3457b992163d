import type { Lang } from '../../web/language';
import { COMMON_TEXTS } from '../../web/texts';
import { formatters } from '../../web/format';
import { goalLabel } from './goal-label';
import type { PublicChange } from './public.schema';
import { PUBLIC_TEXTS } from './public.texts';

export interface FeedInput {
  municipality: { code: string; name: string };
  changes: PublicChange[];
  /** The console's public base URL (PUBLIC_URL): feed and entry ids and links are absolute. */
  baseUrl: string;
  lang: Lang;
}

interface FeedEntry {
  id: string;
  title: string;
  text: string;
  link: string;
  updated: string;
}

/** The feed's parts, shared by the Atom and the JSON Feed renderings. */
function feedParts(input: FeedInput) {
  const texts = PUBLIC_TEXTS[input.lang];
  const states = COMMON_TEXTS[input.lang].states as Record<string, string>;
  const f = formatters(input.lang);
  const page = `${input.baseUrl.replace(/\/$/, '')}/offentlig/${input.municipality.code}`;
  const entries: FeedEntry[] = input.changes.map((change) => {
    const label = goalLabel(change.planGoalId, change.text);
    const from = change.from ? (states[change.from] ?? change.from) : texts.none;
    const to = states[change.to] ?? change.to;
    return {
      // Stable per change: the same goal, period and kind is the same entry when the feed is read again.
      id: `${page}#change-${change.goalId}-${change.period}-${change.kind}`,
      title: texts.feedEntryTitle(change.planGoalId, to, f.period(change.period)),
      text: texts.feedEntryText(label, from.toLowerCase(), to.toLowerCase(), f.period(change.period)),
      link: `${page}#goal-${change.goalId}`,
      updated: change.at,
    };
  });
  // A feed without entries has not been updated since... it was made; the epoch keeps its ETag stable.
  const updated = entries.reduce((latest, entry) => (entry.updated > latest ? entry.updated : latest), '1970-01-01T00:00:00.000Z');
  return { title: texts.feedTitle(input.municipality.name), page, entries, updated };
}

/** Atom 1.0 (RFC 4287): feed id, title, updated, link, author; entries with id, title, updated, link and content. */
export function atomFeed(input: FeedInput): string {
  const feed = feedParts(input);
  const entries = feed.entries
    .map(
      (entry) => `  <entry>
    <id>${xml(entry.id)}</id>
    <title>${xml(entry.title)}</title>
    <updated>${xml(entry.updated)}</updated>
    <link rel="alternate" type="text/html" href="${xml(entry.link)}"/>
    <content type="text">${xml(entry.text)}</content>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${input.lang}">
  <id>${xml(feed.page)}</id>
  <title>${xml(feed.title)}</title>
  <updated>${xml(feed.updated)}</updated>
  <link rel="self" type="application/atom+xml" href="${xml(`${feed.page}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(feed.page)}"/>
  <author><name>Pejling</name></author>
${entries}
</feed>
`;
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(input: FeedInput): string {
  const feed = feedParts(input);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.page,
    feed_url: `${feed.page}/feed.json`,
    language: input.lang,
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.link,
      title: entry.title,
      content_text: entry.text,
      date_published: entry.updated,
      date_modified: entry.updated,
    })),
  });
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
