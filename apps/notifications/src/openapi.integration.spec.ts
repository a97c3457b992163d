import { describePublishedDocs } from '@pejling/testing';
import { notificationsApp } from './notifications.app';

/** notifications's published API and event docs, read without a key from the running service. */
describePublishedDocs('notifications', notificationsApp, {
  WEBHOOK_SIGNING_SECRET: 'openapi-signing-secret',
  ACK_LINK_SECRET: 'openapi-ack-link-secret',
  SMTP_URL: 'smtp://127.0.0.1:1',
});
