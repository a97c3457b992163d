import { Provider } from '@nestjs/common';
import { SERVICE_ENV } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { parseSecretKey, SecretBox } from './secret-box';

/** The service's SecretBox, from SECRETS_KEY (current) and SECRETS_PREVIOUS_KEYS (older keys that still open old values). */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [SERVICE_ENV],
  useFactory: (env: NotificationsEnv) =>
    new SecretBox(
      parseSecretKey(env.SECRETS_KEY),
      env.SECRETS_PREVIOUS_KEYS.split(',')
        .filter((entry) => entry.trim())
        .map(parseSecretKey),
    ),
};
