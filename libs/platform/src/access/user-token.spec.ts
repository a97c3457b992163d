import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { verifyUserToken } from './user-token';

const SECRET = 'a-console-secret-of-at-least-32-characters';
const now = Math.floor(Date.now() / 1000);

async function sign(claims: Record<string, unknown>, options: { secret?: string; iss?: string; aud?: string } = {}): Promise<string> {
  return new SignJWT({
    sub: randomUUID(),
    name: 'Frida Operatør',
    email: 'frida@frederiksberg.example',
    role: 'operator',
    municipalities: ['147'],
    iat: now,
    exp: now + 300,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.iss ?? 'pejling-console')
    .setAudience(options.aud ?? 'pejling-services')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

describe('console user tokens', () => {
  it('gives the principal of a good token', async () => {
    const sub = randomUUID();
    await expect(verifyUserToken(await sign({ sub }), SECRET)).resolves.toEqual({
      kind: 'user',
      id: sub,
      name: 'Frida Operatør',
      email: 'frida@frederiksberg.example',
      role: 'operator',
      municipalities: ['147'],
    });
    await expect(verifyUserToken(await sign({ role: 'viewer', municipalities: ['*'] }), SECRET)).resolves.toMatchObject({
      role: 'viewer',
      municipalities: ['*'],
    });
  });

  it('refuses an expired token', async () => {
    await expect(verifyUserToken(await sign({ iat: now - 600, exp: now - 300 }), SECRET)).rejects.toThrow('The user token has expired.');
  });

  it('refuses a wrong audience or issuer', async () => {
    await expect(verifyUserToken(await sign({}, { aud: 'someone-else' }), SECRET)).rejects.toThrow(/aud/);
    await expect(verifyUserToken(await sign({}, { iss: 'evil-console' }), SECRET)).rejects.toThrow(/iss/);
  });

  it('refuses a token signed with another secret, or with another algorithm', async () => {
    await expect(verifyUserToken(await sign({}, { secret: 'another-secret-of-at-least-32-characters!' }), SECRET)).rejects.toThrow(
      'The user token signature is not valid.',
    );
    const hs512 = await new SignJWT({
      sub: randomUUID(),
      role: 'admin',
      municipalities: ['*'],
      name: 'x',
      email: 'x@y.dk',
      iat: now,
      exp: now + 60,
    })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('pejling-console')
      .setAudience('pejling-services')
      .sign(new TextEncoder().encode(SECRET));
    await expect(verifyUserToken(hs512, SECRET)).rejects.toThrow('HS256');
    await expect(verifyUserToken('not.a.jwt', SECRET)).rejects.toThrow(/not valid/);
  });

  it('refuses a token that lives longer than 5 minutes', async () => {
    await expect(verifyUserToken(await sign({ exp: now + 301 }), SECRET)).rejects.toThrow('exp must be at most 300 s after iat');
  });

  it('refuses bad claims, naming them', async () => {
    await expect(verifyUserToken(await sign({ municipalities: ['147', '*'] }), SECRET)).rejects.toThrow(
      'municipalities "*" must be the only element',
    );
    await expect(verifyUserToken(await sign({ municipalities: [] }), SECRET)).rejects.toThrow(/municipalities/);
    await expect(verifyUserToken(await sign({ municipalities: ['Frederiksberg'] }), SECRET)).rejects.toThrow(/municipalities\.0/);
    await expect(verifyUserToken(await sign({ sub: 'frida' }), SECRET)).rejects.toThrow(/sub/);
    await expect(verifyUserToken(await sign({ email: 'not-an-email' }), SECRET)).rejects.toThrow(/email/);
    await expect(verifyUserToken(await sign({ exp: undefined }), SECRET)).rejects.toThrow(/exp/);
  });

  it('refuses the integrator role in a user token: it is an API-key role', async () => {
    await expect(verifyUserToken(await sign({ role: 'integrator' }), SECRET)).rejects.toThrow(
      /role must be one of viewer, operator, admin/,
    );
  });
});
