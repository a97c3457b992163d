import { atomFeed, jsonFeed } from './public-feed';

const input = {
  municipality: { code: '147', name: 'Frederiksberg' },
  baseUrl: 'https://pejling.example/',
  lang: 'da' as const,
  changes: [
    {
      goalId: '11111111-1111-4111-8111-111111111111',
      planId: 'p',
      planGoalId: 'Mål <E> & co',
      text: 'Andelen "skal" falde',
      period: '2021-07',
      from: 'met',
      to: 'breached',
      kind: 'breach',
      at: '2021-09-01T10:00:00.000Z',
    },
    {
      goalId: '11111111-1111-4111-8111-111111111111',
      planId: 'p',
      planGoalId: 'Mål <E> & co',
      text: null,
      period: '2021-08',
      from: 'breached',
      to: 'met',
      kind: 'recovery',
      at: '2021-10-01T10:00:00.000Z',
    },
  ],
};

describe('the public feeds of state changes', () => {
  it('writes Atom 1.0 with escaped text, stable entry ids, absolute links and the newest change as updated', () => {
    const xml = atomFeed(input);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">');
    expect(xml).toContain('<id>https://pejling.example/offentlig/147</id>');
    expect(xml).toContain('<updated>2021-10-01T10:00:00.000Z</updated>');
    expect(xml).toContain('<title>Mål &lt;E&gt; &amp; co: Ikke opfyldt (juli 2021)</title>');
    expect(xml).toContain('<id>https://pejling.example/offentlig/147#change-11111111-1111-4111-8111-111111111111-2021-07-breach</id>');
    expect(xml).toContain(
      '<content type="text">Mål &lt;E&gt; &amp; co: Andelen &quot;skal&quot; falde. Status for juli 2021 er ændret fra opfyldt til ikke opfyldt.</content>',
    );
    expect(xml).not.toMatch(/<[^>]*"skal"/);
  });

  it('writes JSON Feed 1.1 with the same entries', () => {
    const feed = JSON.parse(jsonFeed({ ...input, lang: 'en' }));
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      home_page_url: 'https://pejling.example/offentlig/147',
      feed_url: 'https://pejling.example/offentlig/147/feed.json',
    });
    expect(feed.items.map((item: { title: string }) => item.title)).toEqual([
      'Mål <E> & co: Breached (July 2021)',
      'Mål <E> & co: Met (August 2021)',
    ]);
  });

  it('keeps the same updated time for a feed without entries, so its ETag stays put', () => {
    expect(atomFeed({ ...input, changes: [] })).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
  });
});
