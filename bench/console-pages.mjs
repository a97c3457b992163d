#!/usr/bin/env node
// Console page timings with the national history loaded (98 municipalities × 25 series × 120
// months through the real pipeline, the four real plans): every page a signed-in admin reaches from
// the navigation and the sections' own pages, plus a goal page, the board filtered to one municipality and the board's polled
// fragment. Each page is fetched once to warm up, then N times; median, p95 and max are printed
// with PASS when p95 < 1 s (the target: every page answers in under 1 s).
//   npm run bench:console            (= build, generate the history if missing, run)
//   node bench/console-pages.mjs [csv=.pejling/bench/history.csv] [runs=10]
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, startLoadedConsole } from './lib/pipeline.mjs';

const csvFile = path.resolve(ROOT, process.argv[2] ?? '.pejling/bench/history.csv');
const runs = Number(process.argv[3] ?? 10);
if (!fs.existsSync(csvFile)) throw new Error(`${csvFile} is missing: run node bench/generate-history.mjs first`);
const TARGET_MS = 1000;
const ADMIN = {
  email: 'bench-admin@pejling.test',
  name: 'Bench Admin',
  role: 'admin',
  municipalities: '*',
  password: 'bench-password-123',
};

const { system, adminKey, goals, figures, settledMs, close } = await startLoadedConsole('console', csvFile);
try {
  console.log(`national history loaded: ${figures} figures, ${goals} goals, settled in ${(settledMs / 1000).toFixed(0)} s`);

  await system.createUser(ADMIN);
  const session = await signIn(system.consoleUrl, ADMIN);
  const home = await fetchPage(system.consoleUrl, '/', session);
  const navigation = [...home.matchAll(/<nav[^>]*>([\s\S]*?)<\/nav>/g)].flatMap((match) =>
    [...match[1].matchAll(/href="(\/[^"#?]*)"/g)].map((link) => link[1]),
  );
  const board = await (await fetch(`${system.urls.goals}/v1/board`, { headers: { authorization: `Bearer ${adminKey}` } })).json();
  const goalsOnBoard = board.plans.flatMap((plan) => plan.focusAreas.flatMap((area) => area.goals));
  const busiest = goalsOnBoard.reduce((best, goal) => (goal.sparkline.length > (best?.sparkline.length ?? -1) ? goal : best), undefined);
  // The sections' own pages (`/data/imports`, `/admin/plans`, …): one level of plain links, no forms or ids.
  const sections = [];
  for (const section of navigation.filter((page) => page !== '/')) {
    const html = await fetchPage(system.consoleUrl, section, session);
    sections.push(
      ...[...html.matchAll(/href="(\/[a-z-]+\/[a-z-]+)"/g)]
        .map((link) => link[1])
        .filter((page) => page.startsWith(`${section}/`) && !/\/(new|create)$/.test(page)),
    );
  }
  const pages = [
    ...new Set(
      [
        '/',
        ...navigation,
        ...sections,
        '/?municipality=147',
        '/board/content',
        '/data/revisions?series=sygedagpenge&municipality=147',
        '/admin/plans/frederiksberg-2022',
        busiest ? `/goals/${busiest.id}` : undefined,
      ].filter(Boolean),
    ),
  ].filter((page) => !/sign-out|language/.test(page));

  console.log(`${pages.length} pages, ${runs} timed requests each after one warm-up (signed in as an admin, every municipality):`);
  let failures = 0;
  for (const page of pages) {
    await fetchPage(system.consoleUrl, page, session);
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const before = performance.now();
      await fetchPage(system.consoleUrl, page, session);
      times.push(performance.now() - before);
    }
    times.sort((a, b) => a - b);
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)];
    const verdict = p95 < TARGET_MS ? 'PASS' : 'FAIL';
    if (verdict === 'FAIL') failures += 1;
    console.log(
      `  ${page.padEnd(56)} median ${ms(times[Math.floor(times.length / 2)])}  p95 ${ms(p95)}  max ${ms(times.at(-1))}  ${verdict} (p95 < ${TARGET_MS} ms)`,
    );
  }
  console.log(failures === 0 ? 'every page PASS' : `${failures} page(s) FAIL`);
} finally {
  await close();
}

function ms(value) {
  return `${value.toFixed(0).padStart(5)} ms`;
}

/** Signs in through the form as a browser would (CSRF token from the sign-in page, session cookie back). */
async function signIn(consoleUrl, user) {
  const form = await fetch(`${consoleUrl}/sign-in`);
  const cookies = cookiesOf(form);
  const html = await form.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? /name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('no CSRF token on the sign-in page');
  const response = await fetch(`${consoleUrl}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email: user.email, password: user.password }),
  });
  if (response.status !== 303 && response.status !== 302) throw new Error(`sign-in: HTTP ${response.status} ${await response.text()}`);
  return cookiesOf(response, cookies);
}

/** The cookies a response sets, over the ones sent before (same name: the newer wins). */
function cookiesOf(response, before = '') {
  const jar = new Map(
    before
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0], pair]),
  );
  for (const cookie of response.headers.getSetCookie()) jar.set(cookie.split('=')[0], cookie.split(';')[0]);
  return [...jar.values()].join('; ');
}

async function fetchPage(consoleUrl, page, cookie) {
  const response = await fetch(`${consoleUrl}${page}`, { headers: { cookie }, redirect: 'manual' });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${page}: HTTP ${response.status} ${body.slice(0, 200)}`);
  return body;
}
