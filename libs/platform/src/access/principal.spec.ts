import { ForbiddenException, NotFoundException } from '@nestjs/common';
import { assertInScope, assertVisible, authorOfPrincipal, inScope, Principal, scopeFilter } from './principal';

const frederiksberg: Principal = {
  kind: 'user',
  id: 'u1',
  name: 'Frida',
  email: 'frida@frederiksberg.example',
  role: 'operator',
  municipalities: ['147'],
};
const everyone: Principal = { kind: 'api-key', id: 'k1', name: 'BI team', role: 'integrator', municipalities: ['*'] };

describe('principal scope', () => {
  it('turns a scope and a requested municipality into a repository filter', () => {
    expect(scopeFilter(everyone)).toBeNull();
    expect(scopeFilter(everyone, '101')).toEqual(['101']);
    expect(scopeFilter(frederiksberg)).toEqual(['147']);
    expect(scopeFilter(frederiksberg, '147')).toEqual(['147']);
    expect(scopeFilter(frederiksberg, '101')).toEqual([]);
  });

  it('hides a single resource out of scope as a 404 and refuses a write with a 403 naming the municipality', () => {
    expect(inScope(frederiksberg, '147')).toBe(true);
    expect(inScope(frederiksberg, null)).toBe(false);
    expect(inScope(everyone, null)).toBe(true);
    expect(() => assertVisible(frederiksberg, '101', 'No goal with id x.')).toThrow(new NotFoundException('No goal with id x.'));
    expect(() => assertInScope(frederiksberg, '101', 'goals')).toThrow(ForbiddenException);
    expect(() => assertInScope(frederiksberg, '101', 'goals')).toThrow('You may not change goals in municipality 101: your scope is 147.');
    expect(() => assertInScope(everyone, '101', 'goals')).not.toThrow();
  });

  it('names a user by email and a key by its name', () => {
    expect(authorOfPrincipal(frederiksberg)).toBe('frida@frederiksberg.example');
    expect(authorOfPrincipal(everyone)).toBe('BI team');
  });
});
