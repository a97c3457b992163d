import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Page } from 'playwright-core';
import { apiClient, checkPage, ConsoleSystem, launchBrowser, signIn, startConsoleSystem, TestBrowser, waitUntil } from '@pejling/testing';

const PLANS = path.resolve(__dirname, '../../plans');
const plan = (file: string) => parse(fs.readFileSync(path.join(PLANS, file), 'utf8'));
const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../demo', name), 'utf8'));

/** People the test gives the plans, so the public page and feeds can be searched for them. */
const OWNER = { name: 'Canary Ejersen', email: 'canary.owner@frederiksberg.example' };
const RECIPIENT = { name: 'Canary Udvalgssekretær', email: 'canary.recipient@frederiksberg.example' };
const KBH_OWNER = { name: 'Canary Københavner', email: 'canary.kbh@koebenhavn.example' };
const OPERATOR = {
  email: 'canary.operator@pejling.test',
  name: 'Canary Operatør',
  role: 'operator' as const,
  municipalities: '*',
  password: 'operator-password-123',
};
const PUBLIC_NOTE = 'Flere unge får et uddannelsesforløb fra efteråret; status til udvalget i december.';
const PRIVATE_NOTE = 'Ringer til de tre unge, vi talte om på mødet i tirsdags.';
const KBH_NOTE = 'Københavnsk note, markeret offentlig, men planen er ikke offentlig.';
const RATE_LIMIT = 60;
const YOUTH = 'youth.25-aarige-uddannelse-eller-job';

const jsonFeed = z.object({
  version: z.literal('https://jsonfeed.org/version/1.1'),
  title: z.string().min(1),
  home_page_url: z.string().url(),
  feed_url: z.string().url(),
  items: z.array(
    z.object({
      id: z.string().min(1),
      url: z.string().url(),
      title: z.string().min(1),
      content_text: z.string().min(1),
      date_published: z.string().datetime({ offset: true }),
    }),
  ),
});

/**
 * The public transparency page in real Chromium against the four real services: the Frederiksberg
 * 2022 plan (public) and København's (not public), figures through ingest so states and state
 * changes exist, a note acknowledged as public from the console's form and one private by API.
 * Checks what the page and the feeds show, what they never show (people, the other plan, the
 * private note), axe (WCAG 2.1 AA), the cache headers, 503 for a service that is down and 429.
 */
describe('console: the public transparency page (browser, real services)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let anonymous: Page;
  let standaloneGoalId: string;
  let youthGoalId: string;

  beforeAll(async () => {
    system = await startConsoleSystem({ PUBLIC_CACHE_SECONDS: '2', PUBLIC_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    const goals = apiClient(system.urls.goals, await system.world.apiKey('admin'));
    const ingest = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    const notifications = apiClient(system.urls.notifications, await system.world.apiKey('operator'));

    const frederiksberg = plan('frederiksberg-2022.yaml');
    for (const area of frederiksberg.focusAreas) for (const goal of area.goals) goal.owners = [OWNER];
    frederiksberg.reporting.recipients = [RECIPIENT];
    expect((await goals.put('/v1/plans/frederiksberg-2022', frederiksberg)).status).toBe(201);
    const copenhagen = plan('koebenhavn-2022.yaml');
    for (const area of copenhagen.focusAreas) for (const goal of area.goals) goal.owners = [KBH_OWNER];
    expect((await goals.put('/v1/plans/koebenhavn-2022', copenhagen)).status).toBe(201);
    // The demo goal: Frederiksberg's, but in no plan, so never public.
    expect((await ingest.post('/v1/figures', demo('history.json'))).status).toBe(201);
    const standalone = await goals.post('/v1/goals', {
      ...demo('goal.json'),
      owner: { name: 'Canary Enkeltmål', email: 'canary.standalone@frederiksberg.example' },
    });
    expect(standalone.status).toBe(201);
    standaloneGoalId = standalone.body.id;

    const planGoal = async (municipality: string, id: string) =>
      (
        (await goals.get(`/v1/goals?municipality=${municipality}`)).body as {
          id: string;
          planGoalId: string;
          state: string;
          statePeriod: string | null;
        }[]
      ).find((goal) => goal.planGoalId === id)!;
    const figure = (municipality: string, series: string, period: string, value: number, unit: string) => ({
      figures: [{ municipality, series, period, value, unit, source: 'egen opgørelse' }],
    });
    const judged = (municipality: string, id: string, period: string, state: string) =>
      waitUntil(
        async () => {
          const goal = await planGoal(municipality, id);
          return goal.statePeriod === period && goal.state === state;
        },
        60_000,
        `${id} ${state} in ${period}`,
      );
    const openEpisode = async (goalId: string) => {
      let id: string | undefined;
      await waitUntil(
        async () =>
          (id = ((await notifications.get(`/v1/episodes?goalId=${goalId}&status=open`)).body as { id: string }[])[0]?.id) !== undefined,
        60_000,
        'an open episode',
      );
      return id!;
    };
    youthGoalId = (await planGoal('147', 'UGV-3')).id;

    // UGV-3 ("alle 25-årige …", ≥ 100 %, yearly): met, breached, met again, breached again.
    expect((await ingest.post('/v1/figures', figure('147', YOUTH, '2019', 100, 'percent'))).status).toBe(201);
    await judged('147', 'UGV-3', '2019', 'met');
    expect((await ingest.post('/v1/figures', figure('147', YOUTH, '2020', 90, 'percent'))).status).toBe(201);
    await judged('147', 'UGV-3', '2020', 'breached');
    const first = await openEpisode(youthGoalId);

    // The first acknowledgement from the console's form, with "Må vises offentligt" ticked.
    await system.createUser(OPERATOR);
    const operator = await (await (browser = await launchBrowser()).newContext()).newPage();
    await signIn(operator, system.consoleUrl, OPERATOR.email, OPERATOR.password);
    await operator.goto(`${system.consoleUrl}/goals/${youthGoalId}`);
    const form = operator.locator(`form[action="/alerts/episodes/${first}/acknowledge"]`);
    await form.getByLabel(/Hvad gøres der/).fill(PUBLIC_NOTE);
    await form.getByLabel('Må vises offentligt').check();
    expect(await checkPage(operator, 'public-ack-form')).toEqual([]);
    await Promise.all([operator.waitForURL(/notice=acknowledged/), form.getByRole('button', { name: 'Kvittér' }).click()]);
    expect((await notifications.get(`/v1/episodes/${first}`)).body).toMatchObject({ acknowledgement: { note: PUBLIC_NOTE, public: true } });

    expect((await ingest.post('/v1/figures', figure('147', YOUTH, '2021', 100, 'percent'))).status).toBe(201);
    await judged('147', 'UGV-3', '2021', 'met');
    expect((await ingest.post('/v1/figures', figure('147', YOUTH, '2022', 92, 'percent'))).status).toBe(201);
    await judged('147', 'UGV-3', '2022', 'breached');
    const second = await openEpisode(youthGoalId);
    expect((await notifications.post(`/v1/episodes/${second}/acknowledge`, { note: PRIVATE_NOTE })).status).toBe(200);

    // København (not public): a breach acknowledged with a note marked public.
    expect((await ingest.post('/v1/figures', figure('101', 'count.fleksjobansatte-i-kommunen', '2021-08', 900, 'count'))).status).toBe(201);
    await judged('101', 'KBH-3', '2021-08', 'met');
    expect((await ingest.post('/v1/figures', figure('101', 'count.fleksjobansatte-i-kommunen', '2021-09', 800, 'count'))).status).toBe(201);
    await judged('101', 'KBH-3', '2021-09', 'breached');
    const copenhagenEpisode = await openEpisode((await planGoal('101', 'KBH-3')).id);
    expect((await notifications.post(`/v1/episodes/${copenhagenEpisode}/acknowledge`, { note: KBH_NOTE, public: true })).status).toBe(200);

    anonymous = await (await browser.newContext()).newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${system.consoleUrl}${url}`, { headers });
  const people = () => [
    OWNER.name,
    OWNER.email,
    RECIPIENT.name,
    RECIPIENT.email,
    KBH_OWNER.name,
    KBH_OWNER.email,
    OPERATOR.name,
    OPERATOR.email,
    'Canary Enkeltmål',
    'canary.standalone',
    'Canary',
    'canary',
  ];
  const expectNoPeople = (where: string, text: string) => {
    for (const secret of people()) expect({ where, secret, found: text.includes(secret) }).toEqual({ where, secret, found: false });
  };

  it('lists the municipalities with public plans, without signing in', async () => {
    await anonymous.goto(`${system.consoleUrl}/offentlig`);
    expect(new URL(anonymous.url()).pathname).toBe('/offentlig');
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).toBe('Kommunernes beskæftigelsesmål');
    expect(await anonymous.getByRole('link', { name: 'Frederiksberg' }).count()).toBe(1);
    expect(await anonymous.getByRole('link', { name: 'København' }).count()).toBe(0);
    expect(await checkPage(anonymous, 'public-index')).toEqual([]);
  });

  it("shows Frederiksberg's goals by plan and focus area with their states, and only the public note", async () => {
    await anonymous.getByRole('link', { name: 'Frederiksberg' }).click();
    await anonymous.waitForURL(/\/offentlig\/147$/);
    expect(await anonymous.locator('html').getAttribute('lang')).toBe('da');
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).toBe('Frederiksberg Kommune: mål og status');
    expect(await anonymous.getByRole('heading', { level: 2, name: 'Beskæftigelsesplan 2022' }).count()).toBe(1);
    expect(await anonymous.locator('caption', { hasText: 'Unge godt på vej' }).count()).toBe(1);
    const youth = anonymous.locator(`tr[data-goal-id="${youthGoalId}"]`);
    expect(await youth.locator('.state-breached').textContent()).toBe('Ikke opfyldt');
    expect(await youth.textContent()).toContain('2022');
    expect(await youth.textContent()).toContain('92,00 %');
    expect(await anonymous.locator('tr[data-goal-id]').count()).toBe(10);
    expect(await anonymous.locator(`[data-goal-id="${standaloneGoalId}"]`).count()).toBe(0);
    const notes = await anonymous.locator('.public-notes').textContent();
    expect(notes).toContain(PUBLIC_NOTE);
    const html = await anonymous.content();
    expect(html).not.toContain(PRIVATE_NOTE);
    expect(html).not.toContain(KBH_NOTE);
    expect(html).not.toContain('KBH-3');
    expectNoPeople('the page', html);
    // Three state changes of UGV-3: breach 2020, recovery 2021, breach 2022.
    expect(await anonymous.locator('.public-changes tbody tr').count()).toBe(3);
    expect(await anonymous.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(
      '/offentlig/147/feed.atom',
    );
    expect(await anonymous.locator('head link[rel="alternate"][type="application/feed+json"]').getAttribute('href')).toBe(
      '/offentlig/147/feed.json',
    );
    expect(await checkPage(anonymous, 'public-municipality')).toEqual([]);
  });

  it('switches to English with the existing switch', async () => {
    await anonymous.getByRole('link', { name: 'English' }).click();
    await anonymous.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(new URL(anonymous.url()).pathname).toBe('/offentlig/147');
    expect(await anonymous.getByRole('heading', { level: 1 }).textContent()).toBe('Frederiksberg Municipality: goals and status');
    expect(await anonymous.locator(`tr[data-goal-id="${youthGoalId}"] .state-breached`).textContent()).toBe('Breached');
    expect(await checkPage(anonymous, 'public-municipality-en')).toEqual([]);
  });

  it('serves a valid Atom feed and a JSON Feed of the state changes, with no personal data', async () => {
    const atom = await get('/offentlig/147/feed.atom');
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const xml = await atom.text();
    const root = parseXml(xml);
    expect(root).toMatchObject({ name: 'feed', attributes: { xmlns: 'http://www.w3.org/2005/Atom' } });
    for (const required of ['id', 'title', 'updated']) expect(root.children.filter((child) => child.name === required)).toHaveLength(1);
    expect(Date.parse(root.children.find((child) => child.name === 'updated')!.text)).not.toBeNaN();
    const entries = root.children.filter((child) => child.name === 'entry');
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      const names = entry.children.map((child) => child.name);
      expect(names).toEqual(expect.arrayContaining(['id', 'title', 'updated', 'link', 'content']));
      expect(entry.children.find((child) => child.name === 'link')!.attributes.href).toMatch(
        new RegExp(`^${system.consoleUrl}/offentlig/147#goal-`),
      );
    }
    expect(entries.map((entry) => entry.children.find((child) => child.name === 'title')!.text)).toEqual([
      'UGV-3: Ikke opfyldt (2022)',
      'UGV-3: Opfyldt (2021)',
      'UGV-3: Ikke opfyldt (2020)',
    ]);
    expect(new Set(entries.map((entry) => entry.children.find((child) => child.name === 'id')!.text)).size).toBe(3);
    expectNoPeople('the Atom feed', xml);

    const json = await get('/offentlig/147/feed.json');
    expect(json.headers.get('content-type')).toMatch(/^application\/feed\+json/);
    const text = await json.text();
    const feed = jsonFeed.parse(JSON.parse(text));
    expect(feed.items.map((item) => item.title)).toEqual([
      'UGV-3: Ikke opfyldt (2022)',
      'UGV-3: Opfyldt (2021)',
      'UGV-3: Ikke opfyldt (2020)',
    ]);
    expect(feed.items[0].content_text).toContain('fra opfyldt til ikke opfyldt');
    expectNoPeople('the JSON Feed', text);
  });

  it('is cacheable: Cache-Control public with max-age, an ETag and 304 when unchanged', async () => {
    const first = await get('/offentlig/147');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=2');
    expect(first.headers.get('set-cookie')).toBeNull();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get('/offentlig/147', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await get('/offentlig/147/feed.atom')).headers.get('cache-control')).toBe('public, max-age=2');
  });

  it('answers 404 for a municipality without a public plan', async () => {
    for (const url of ['/offentlig/101', '/offentlig/101/feed.atom', '/offentlig/101/feed.json', '/offentlig/abc']) {
      const response = await get(url);
      expect({ url, status: response.status }).toEqual({ url, status: 404 });
      expect(await response.text()).not.toContain('KBH');
    }
  });

  it('says the service is down (503, never 500) when goals does not answer', async () => {
    await system.processes.find((service) => service.name === 'goals')!.stop();
    // Dragør has never been asked for, so nothing is cached: the console must reach goals.
    await anonymous.goto(`${system.consoleUrl}/language?to=da&back=%2Foffentlig%2F155`);
    const response = await get('/offentlig/155');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('Tjenesten mål (goals) svarer ikke lige nu');
    expect(await anonymous.locator('[role="alert"]').textContent()).toContain('svarer ikke lige nu');
    expect(await checkPage(anonymous, 'public-unavailable')).toEqual([]);
  });

  it('limits requests per client address: 429 with Retry-After and a readable page', async () => {
    let limited: Response | undefined;
    // The window is fixed (a minute): within two limits' worth of requests one is refused.
    for (let i = 0; i < 2 * RATE_LIMIT + 2 && !limited; i += 1) {
      const response = await get('/offentlig');
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited!.text()).toContain('for mange forespørgsler');
  });
});

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** A small, strict XML reader for the feed test: well-formed tags (every one closed, in order), attributes, text with the five entities. */
function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<\/?([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  const decode = (text: string) =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  let consumed = 0;
  for (let match = token.exec(body); match; match = token.exec(body)) {
    if (match.index !== consumed) throw new Error(`not well-formed XML at ${consumed}: ${body.slice(consumed, consumed + 40)}`);
    consumed = token.lastIndex;
    const [whole, name, attributeText, selfClosing, text] = match;
    const current = stack[stack.length - 1];
    if (text !== undefined) {
      if (/[<&](?!(lt|gt|amp|quot|apos);)/.test(text)) throw new Error(`unescaped text: ${text.slice(0, 40)}`);
      current.text += decode(text);
    } else if (whole.startsWith('</')) {
      if (current.name !== name) throw new Error(`</${name}> closes <${current.name}>`);
      stack.pop();
    } else {
      const attributes = Object.fromEntries(
        [...attributeText.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, key, value]) => [key, decode(value)]),
      );
      const element: XmlElement = { name, attributes, children: [], text: '' };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (consumed !== body.length || stack.length !== 1) throw new Error('not well-formed XML: unclosed elements or trailing text');
  const roots = stack[0].children;
  if (roots.length !== 1) throw new Error('XML must have one root element');
  return roots[0];
}
