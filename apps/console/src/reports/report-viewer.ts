import type { Viewer } from '../web/viewer';

/**
 * Who the console is when it gathers a report (a scheduled draft, the approval, the email to the
 * committee): an admin of the plan's municipality only. Admin, because the plan's committee
 * addresses (masked for everyone else) are where the report is sent; the report itself prints no
 * owner's or recipient's contact details (the template has none of them).
 */
/** Fixed, and no person's: the services log it as the caller of a report's requests. */
export const REPORT_VIEWER_ID = '00000000-0000-4000-8000-00000000c0de';

export function reportViewer(municipality: string): Viewer {
  return {
    id: REPORT_VIEWER_ID,
    email: 'reports@console.pejling',
    name: 'Pejling (rapporter)',
    role: 'admin',
    municipalities: [municipality],
    ownerId: null,
    recipientId: null,
  };
}
