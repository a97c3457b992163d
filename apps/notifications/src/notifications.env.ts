import { z } from 'zod';
import { serviceEnvSchema } from '@pejling/platform';

export const notificationsEnvSchema = serviceEnvSchema.extend({
  PORT: serviceEnvSchema.shape.PORT.default(3004),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  ALERT_EMAIL_FROM: z.string().min(3).default('Pejling <alerts@pejling.local>'),
  WEBHOOK_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters (it signs every webhook)'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
  BULL_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default('pejling'),
});

export type NotificationsEnv = z.infer<typeof notificationsEnvSchema>;
