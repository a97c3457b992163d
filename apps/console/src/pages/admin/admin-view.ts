import { languageOf } from '../../web/language';
import type { ConsoleRequest } from '../../web/viewer';
import { ADMIN_SECTIONS, ADMIN_TEXTS, AdminSection } from './admin.texts';

/** What every Admin template needs for its sub-navigation: the shared words, the sections and the current one. */
export function adminView(request: ConsoleRequest, section: AdminSection | '', notice?: string): Record<string, unknown> {
  return { admin: ADMIN_TEXTS[languageOf(request)], sections: ADMIN_SECTIONS, section, notice };
}
