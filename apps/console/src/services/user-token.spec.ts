import { jwtVerify } from 'jose';
import { signUserToken, TOKEN_AUDIENCE, TOKEN_ISSUER } from './user-token';

describe('the user token the console signs for the services', () => {
  const secret = 'a-console-token-secret-of-32-chars!!';
  const viewer = {
    id: '6f1d3c1e-7d3b-4b53-9a55-3b8e2f0c1a11',
    email: 'o@frederiksberg.dk',
    name: 'Otto',
    role: 'operator' as const,
    municipalities: ['147'],
    ownerId: null,
    recipientId: null,
  };

  it('carries the contract claims (iss, aud, sub, name, email, role, municipalities) and lives at most 5 minutes', async () => {
    const token = await signUserToken(secret, viewer, new Date());
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({
      iss: 'pejling-console',
      aud: 'pejling-services',
      sub: viewer.id,
      name: 'Otto',
      email: 'o@frederiksberg.dk',
      role: 'operator',
      municipalities: ['147'],
    });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
    expect(payload).not.toHaveProperty('ownerId');
  });

  it('is refused with another secret', async () => {
    const token = await signUserToken(secret, viewer);
    await expect(jwtVerify(token, new TextEncoder().encode('another-secret-of-at-least-32-chars'))).rejects.toThrow();
  });
});
