import { describeFuzz } from '@pejling/testing/fuzz';
import { notificationsApp } from './notifications.app';

/** No body sent to any of notifications' routes yields a 5xx or changes a table or a topic. */
describeFuzz('notifications', notificationsApp, {
  env: { WEBHOOK_SIGNING_SECRET: 'fuzz-signing-secret', ACK_LINK_SECRET: 'fuzz-ack-link-secret', SMTP_URL: 'smtp://127.0.0.1:1' },
});
