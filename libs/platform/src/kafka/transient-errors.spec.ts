import { MultipleErrors, NetworkError, ProtocolError, TimeoutError } from '@platformatic/kafka';
import { isTransientError } from './transient-errors';

describe('isTransientError', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a PostgreSQL restart (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a deadlock (40P01)', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a pg pool that lost its server', new Error('Connection terminated unexpectedly')],
    [
      'ioredis giving up on a request',
      new Error('Reached the max retries per request limit (which is 20). Refer to "maxRetriesPerRequest" option for details.'),
    ],
    ['a retriable broker error', new ProtocolError('LEADER_NOT_AVAILABLE')],
    ['a lost broker connection', new NetworkError('Connection closed')],
    ['a broker that does not answer in time', new TimeoutError('Request timed out')],
    ['a retriable broker error among several', new MultipleErrors('Produce failed', [new ProtocolError('NOT_LEADER_OR_FOLLOWER')])],
    [
      'a TypeORM error wrapping an outage',
      Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('x'), { code: '08003' }) }),
    ],
    [
      'an error that marks itself as an outage (another service down)',
      Object.assign(new Error('the goals service is unavailable'), { transient: true }),
    ],
    ['an error caused by an outage', new Error('could not store', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })],
  ])('treats %s as an outage', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'value')")],
    ['a constraint violation (23505)', Object.assign(new Error('duplicate key value'), { code: '23505' })],
    ['invalid input (22P02)', Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })],
    ['a broker refusing the message itself', new ProtocolError('MESSAGE_TOO_LARGE')],
    ['an error whose transient flag is not true', Object.assign(new Error('x'), { transient: 'yes' })],
    ['a string', 'nope'],
    ['nothing', undefined],
  ])('treats %s as the message’s own failure', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
