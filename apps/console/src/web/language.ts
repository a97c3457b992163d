import type { Request } from 'express';

export type Lang = 'da' | 'en';
export const LANGUAGE_COOKIE = 'pejling_lang';

/** Danish unless the reader chose English with the switch (kept in a cookie). */
export function languageOf(request: Request): Lang {
  const cookies = (request as Request & { cookies?: Record<string, string> }).cookies;
  return cookies?.[LANGUAGE_COOKIE] === 'en' ? 'en' : 'da';
}
