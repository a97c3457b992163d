import { isPublicReadRoute } from './public-read';

describe('@PublicRead(): the public transparency routes', () => {
  it('opens GET and HEAD under /v1/public/ only', () => {
    expect(isPublicReadRoute('GET', '/v1/public/municipalities')).toBe(true);
    expect(isPublicReadRoute('head', '/v1/public/municipalities/:code/changes')).toBe(true);
  });

  it('ignores the marker on a write or on any other route', () => {
    expect(isPublicReadRoute('POST', '/v1/public/municipalities')).toBe(false);
    expect(isPublicReadRoute('DELETE', '/v1/public/municipalities/:code')).toBe(false);
    expect(isPublicReadRoute('GET', '/v1/goals')).toBe(false);
    expect(isPublicReadRoute('GET', '/v1/publicity')).toBe(false);
    expect(isPublicReadRoute('GET', '/v1/public/../owners')).toBe(false);
  });
});
