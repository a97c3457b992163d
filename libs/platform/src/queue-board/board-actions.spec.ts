import type { HookContext } from '@bull-board/api/typings/app';
import { BOARD_HOOKS, isAllowedBoardAction, scrubStrings } from './board-actions';
import { basePathOf, localeOf } from './forwarded-prefix-adapter';

const context = (method: HookContext['method'], route: string, params: Record<string, string> = {}): HookContext =>
  ({ method, route, request: { params } }) as unknown as HookContext;

describe('queue board actions', () => {
  it('allows every read and the retry of failed jobs, one or all of a queue', () => {
    expect(isAllowedBoardAction(context('get', '/api/queues'))).toBe(true);
    expect(isAllowedBoardAction(context('get', '/api/queues/:queueName/:jobId/logs'))).toBe(true);
    expect(isAllowedBoardAction(context('put', '/api/queues/:queueName/:jobId/retry'))).toBe(true);
    expect(isAllowedBoardAction(context('put', '/api/queues/:queueName/retry/:queueStatus', { queueStatus: 'failed' }))).toBe(true);
  });

  it('refuses every other change with 403 and the reason', async () => {
    const refused = [
      context('put', '/api/queues/:queueName/retry/:queueStatus', { queueStatus: 'completed' }),
      context('put', '/api/queues/:queueName/:jobId/clean'),
      context('put', '/api/queues/:queueName/clean/:queueStatus', { queueStatus: 'failed' }),
      context('put', '/api/queues/:queueName/empty'),
      context('put', '/api/queues/:queueName/obliterate'),
      context('put', '/api/queues/:queueName/promote'),
      context('put', '/api/queues/:queueName/:jobId/promote'),
      context('put', '/api/queues/:queueName/pause'),
      context('put', '/api/queues/pause'),
      context('post', '/api/queues/:queueName/add'),
      context('patch', '/api/queues/:queueName/:jobId/update-data'),
    ];
    for (const action of refused) {
      expect(isAllowedBoardAction(action)).toBe(false);
      expect(await BOARD_HOOKS.before!(action)).toMatchObject({
        allow: false,
        status: 403,
        message: expect.stringContaining('only retries'),
      });
    }
  });

  it('scrubs URLs to their host and masks email addresses in every string of an answer', async () => {
    const body = {
      queues: [
        {
          name: 'deliveries',
          jobs: [{ failedReason: 'refused https://hooks.slack.com/services/T/B/secret', stacktrace: ['at ada@kommune.dk'], attempts: 2 }],
        },
      ],
    };
    expect(scrubStrings(body)).toEqual({
      queues: [
        { name: 'deliveries', jobs: [{ failedReason: 'refused https://hooks.slack.com/…', stacktrace: ['at …e.dk'], attempts: 2 }] },
      ],
    });
    expect(await BOARD_HOOKS.after!(context('get', '/api/queues'), { status: 200, body: { reason: 'mail a@b.example' } })).toEqual({
      status: 200,
      body: { reason: 'mail …mple' },
    });
  });

  it("bases the page under a proxy's plain-path prefix, else under the mount, and picks Danish or English", () => {
    expect(basePathOf({ baseUrl: '/admin/queues', headers: {} })).toBe('/admin/queues');
    expect(basePathOf({ baseUrl: '/admin/queues', headers: { 'x-forwarded-prefix': '/admin/queues/goals' } })).toBe('/admin/queues/goals');
    for (const odd of ['/a/../b', 'relative', '/a"><script>', '//evil.example', '/a b']) {
      expect(basePathOf({ baseUrl: '/admin/queues', headers: { 'x-forwarded-prefix': odd } })).toBe('/admin/queues');
    }
    expect(localeOf({ headers: { 'accept-language': 'da-DK,da;q=0.9' } })).toBe('da-DK');
    expect(localeOf({ headers: { 'accept-language': 'en' } })).toBe('en-US');
    expect(localeOf({ headers: { 'accept-language': 'de' } })).toBe('en-US');
    expect(localeOf({ headers: {} })).toBe('en-US');
  });
});
