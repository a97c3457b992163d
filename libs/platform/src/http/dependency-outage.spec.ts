import { DependencyUnavailable, dependencyOutage, withDeadline } from './dependency-outage';

const refused = (port: number) => Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED', port });
/** TypeORM wraps the driver's error as `driverError`. */
const queryFailed = (driverError: object) =>
  Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError, query: 'SELECT 1' });

describe('dependencyOutage', () => {
  const ports = new Map([
    [5432, 'database'],
    [6379, 'redis'],
  ] as const);

  it('names the dependency of a refused socket by its port, also deep in the cause chain', () => {
    expect(dependencyOutage(refused(6379), ports)).toBe('redis');
    expect(dependencyOutage(new Error('request failed', { cause: new Error('pool', { cause: refused(5432) }) }), ports)).toBe('database');
  });

  it('counts a statement timeout (57014) as a database outage, though it is not transient by itself', () => {
    expect(dependencyOutage(queryFailed({ code: '57014', message: 'canceling statement due to statement timeout' }))).toBe('database');
  });

  it('tells the dependency from the chain when the port is unknown', () => {
    expect(dependencyOutage(new Error('Reached the max retries per request limit (which is 1)'))).toBe('redis');
    expect(dependencyOutage(queryFailed({ code: '57P01', message: 'terminating connection due to administrator command' }))).toBe(
      'database',
    );
    expect(dependencyOutage(refused(9999), ports)).toBe('a dependency');
  });

  it('takes our own DependencyUnavailable at its word', () => {
    expect(dependencyOutage(new DependencyUnavailable('kafka', 'a produce', 3000))).toBe('kafka');
  });

  it('is undefined for errors that are not outages (a bug, a refused value)', () => {
    expect(dependencyOutage(new TypeError('x is undefined'), ports)).toBeUndefined();
    expect(dependencyOutage(queryFailed({ code: '22P02', message: 'invalid input syntax for type uuid' }), ports)).toBeUndefined();
    expect(dependencyOutage('a string')).toBeUndefined();
  });
});

describe('withDeadline', () => {
  it('gives the work its answer when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'redis', 'a count')).resolves.toBe(7);
  });

  it('refuses with DependencyUnavailable naming the dependency when the work hangs', async () => {
    const hanging = new Promise<never>(() => undefined);
    await expect(withDeadline(hanging, 20, 'redis', 'a queue add')).rejects.toThrow('redis did not answer a queue add within 20 ms');
  });
});
