import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, ServiceApp, ServiceSpec } from '@pejling/platform';
import { TransitionsConsumer } from './alerts/transitions.consumer';
import { Channels } from './delivery/channels';
import { DeliveriesController } from './delivery/deliveries.controller';
import { DeliveryProcessor } from './delivery/delivery.processor';
import { DELIVERY_QUEUE, DeliveryQueue } from './delivery/delivery.queue';
import { PendingSweeper } from './delivery/pending-sweeper';
import { CreateDeliveries1732300000400 } from './migrations/1732300000400-CreateDeliveries';
import { NotificationsEnv, notificationsEnvSchema } from './notifications.env';

const spec: ServiceSpec = {
  name: 'notifications',
  entities: [],
  migrations: [CreateDeliveries1732300000400],
  produces: [],
  usesRedis: true,
};

@Module({})
export class NotificationsModule {
  static forRoot(env: NotificationsEnv): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        PlatformModule.forService(spec, env),
        BullModule.forRoot({ redis: env.REDIS_URL, prefix: env.BULL_PREFIX }),
        BullModule.registerQueue({ name: DELIVERY_QUEUE }),
      ],
      controllers: [TransitionsConsumer, DeliveriesController],
      providers: [Channels, DeliveryQueue, DeliveryProcessor, PendingSweeper],
    };
  }
}

/** Notifications: turns breaches and recoveries into emails and signed webhooks, delivered through Bull with retries. */
export const notificationsApp: ServiceApp<NotificationsEnv> = {
  spec,
  envSchema: notificationsEnvSchema,
  module: (env) => NotificationsModule.forRoot(env),
  consumes: true,
};
