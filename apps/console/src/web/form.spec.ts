import { z } from 'zod';
import { newUserInput } from '../users/user-input';
import { parseForm, safeNext } from './form';

describe('forms', () => {
  it('names every bad field, in the reader’s language, and never echoes a password', () => {
    const result = parseForm(newUserInput('da'), {
      email: 'not-an-email',
      name: '',
      role: 'root',
      municipalities: '147, 999',
      password: 'short',
      _csrf: 'x',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      email: 'E-mailadresse: skriv en gyldig e-mailadresse.',
      name: 'Navn: skriv brugerens navn.',
      role: 'Rolle: vælg læser, operatør eller administrator.',
      municipalities: "Kommuner: '999' er ikke en kommunekode.",
      password: 'Første adgangskode: skal være mindst 12 tegn.',
    });
    expect(result.values).not.toHaveProperty('password');
    expect(result.values).not.toHaveProperty('_csrf');
  });

  it('accepts a scope of codes or *, not both', () => {
    const base = { email: 'a@b.dk', name: 'A', role: 'viewer', password: 'long-enough-password' };
    expect(parseForm(newUserInput(), { ...base, municipalities: '147, 101' })).toMatchObject({
      ok: true,
      data: { municipalities: ['147', '101'] },
    });
    expect(parseForm(newUserInput(), { ...base, municipalities: '*' })).toMatchObject({ ok: true, data: { municipalities: ['*'] } });
    expect(parseForm(newUserInput(), { ...base, municipalities: '*, 147' }).ok).toBe(false);
    expect(parseForm(z.object({ a: z.string() }), undefined).ok).toBe(false);
  });

  it('returns only to local paths after sign-in', () => {
    expect(safeNext('/goals/1?x=2')).toBe('/goals/1?x=2');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});
