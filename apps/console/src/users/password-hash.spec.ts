import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

describe('password hashing (scrypt)', () => {
  it('stores the scrypt parameters and a random salt, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery staple');
    const second = await hashPassword('correct horse battery staple');
    expect(first).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
    await expect(verifyPassword('correct horse battery staple', first)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', first)).resolves.toBe(false);
  });

  it('never accepts the dummy hash used for unknown emails, nor a malformed one', async () => {
    await expect(verifyPassword('', DUMMY_HASH)).resolves.toBe(false);
    await expect(verifyPassword('x', 'plain-text')).resolves.toBe(false);
  });
});
