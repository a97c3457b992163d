import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, QueueBoardModule, ServiceApp, ServiceSpec } from '@pejling/platform';
import { AckLinkController } from './acknowledge/ack-link.controller';
import { AckLinkRevocationsController } from './acknowledge/ack-link-revocations.controller';
import { AcknowledgeByLink } from './acknowledge/acknowledge-by-link.use-case';
import { RevokeAckLinks } from './acknowledge/revoke-ack-links.use-case';
import { ShowAckLink } from './acknowledge/show-ack-link.use-case';
import { AlertIntake } from './alerts/alert-intake';
import { AlertsConsumer } from './alerts/alerts.consumer';
import { HandleAlert } from './alerts/handle-alert.use-case';
import { HandleGoalEvent } from './alerts/handle-goal-event.use-case';
import { StoreOwnerContacts } from './alerts/store-owner-contacts.use-case';
import { Clock, SystemClock } from './clock';
import { Channels } from './delivery/channels';
import { DeliveriesController } from './delivery/deliveries.controller';
import { CountDeliveries } from './delivery/count-deliveries';
import { ListDeliveries } from './delivery/list-deliveries';
import { RetryDelivery } from './delivery/retry-delivery';
import { GetEpisode } from './episodes/get-episode.use-case';
import { GetGoalHistory } from './episodes/get-goal-history.use-case';
import { ListEpisodes } from './episodes/list-episodes.use-case';
import { CreateSilence } from './silences/create-silence.use-case';
import { EndSilence } from './silences/end-silence.use-case';
import { GetSilence } from './silences/get-silence.use-case';
import { ListSilences } from './silences/list-silences.use-case';
import { DeliveryOutcomes } from './delivery/delivery-outcomes';
import { DeliverySweeper } from './delivery/delivery-sweeper';
import { DeliveryProcessor } from './delivery/delivery.processor';
import { SendDelivery } from './delivery/send-delivery.use-case';
import { DELIVERY_QUEUE, DeliveryQueue, ENDPOINT_GROUP, jitterBackoff } from './delivery/delivery.queue';
import { EndpointsController } from './delivery/endpoints.controller';
import { DisabledEndpointsRepository } from './delivery/disabled-endpoints.repository';
import { MessageAssembler } from './delivery/message-assembler';
import { MessageBuilder } from './delivery/message-builder';
import { Digests } from './digests/digests';
import { Acknowledgements } from './episodes/acknowledgements';
import { EpisodesController } from './episodes/episodes.controller';
import { GoalHistoryController } from './episodes/goal-history.controller';
import { Reminders } from './episodes/reminders';
import { CreateDeliveries1732300000400 } from './migrations/1732300000400-CreateDeliveries';
import { Episodes1732300000401 } from './migrations/1732300000401-Episodes';
import { Corrections1732300000402 } from './migrations/1732300000402-Corrections';
import { OwnerContacts1732300000411 } from './migrations/1732300000411-OwnerContacts';
import { PublicAckNotes1732300000412 } from './migrations/1732300000412-PublicAckNotes';
import { AckLinkRevocations1732300000414 } from './migrations/1732300000414-AckLinkRevocations';
import { PublicNotesController } from './public-notes/public-notes.controller';
import { PublicNotesRepository } from './public-notes/public-notes.repository';
import { ListPublicNotes } from './public-notes/list-public-notes.use-case';
import { OwnersConsumer } from './alerts/owners.consumer';
import { NotificationsEnv, notificationsEnvSchema } from './notifications.env';
import { RecipientPlanner } from './persistence/recipient-planner';
import { CreateRecipient } from './routing/create-recipient.use-case';
import { CreateRoutingRule } from './routing/create-routing-rule.use-case';
import { DeleteRecipient } from './routing/delete-recipient.use-case';
import { DeleteRoutingRule } from './routing/delete-routing-rule.use-case';
import { GetRecipient } from './routing/get-recipient.use-case';
import { GetRoutingRule } from './routing/get-routing-rule.use-case';
import { ListRecipients } from './routing/list-recipients.use-case';
import { ListRoutingRules } from './routing/list-routing-rules.use-case';
import { RecipientsController } from './routing/recipients.controller';
import { RecipientsRepository } from './routing/recipients.repository';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { RoutingRulesRepository } from './routing/routing-rules.repository';
import { UpdateRecipient } from './routing/update-recipient.use-case';
import { UpdateRoutingRule } from './routing/update-routing-rule.use-case';
import { AdminController } from './scheduling/admin.controller';
import { SCHEDULED_QUEUE, ScheduledJobs } from './scheduling/scheduled-jobs';
import { PruneDeliveryAttempts } from './retention/prune-delivery-attempts.use-case';
import { Retention1732300000413 } from './migrations/1732300000413-Retention';
import { SilencesController } from './silences/silences.controller';
import { EndpointSigner } from './endpoints/endpoint-signer';
import { ListWebhookEndpoints } from './endpoints/list-webhook-endpoints.use-case';
import { RegisterWebhookEndpoint } from './endpoints/register-webhook-endpoint.use-case';
import { RotateWebhookEndpointSecret } from './endpoints/rotate-webhook-endpoint-secret.use-case';
import { UpdateWebhookEndpoint } from './endpoints/update-webhook-endpoint.use-case';
import { WebhookEndpointsController } from './endpoints/webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './endpoints/webhook-endpoints.repository';
import { WebhookSubscriptions1732300000410 } from './migrations/1732300000410-WebhookSubscriptions';
import { secretBoxProvider } from './signing/secret-box.provider';
import { SigningSecrets } from './signing/signing-secrets.repository';
import { CreateSubscription } from './subscriptions/create-subscription';
import { DeleteSubscription } from './subscriptions/delete-subscription';
import { ReplaySubscription } from './subscriptions/replay-subscription';
import { RotateSubscriptionSecret } from './subscriptions/rotate-subscription-secret';
import { SubscriptionDeliveriesRepository } from './subscriptions/subscription-deliveries.repository';
import { SendSubscriptionDelivery } from './subscriptions/send-subscription-delivery.use-case';
import { SubscriptionDeliveryProcessor } from './subscriptions/subscription-delivery.processor';
import { SUBSCRIPTION_QUEUE, SubscriptionDeliveryQueue } from './subscriptions/subscription-delivery.queue';
import { SubscriptionEventsConsumer } from './subscriptions/subscription-events.consumer';
import { PlanSubscriptionDeliveries } from './subscriptions/plan-subscription-deliveries.use-case';
import { SubscriptionSweeper } from './subscriptions/subscription-sweeper';
import { GetSubscription } from './subscriptions/get-subscription';
import { ListSubscriptionDeliveries } from './subscriptions/list-subscription-deliveries';
import { ListSubscriptions } from './subscriptions/list-subscriptions';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';
import { UpdateSubscription } from './subscriptions/update-subscription';
import { DeliveryCountsRepository } from './metrics/delivery-counts.repository';
import { NotificationMetrics } from './metrics/notification-metrics';

const spec: ServiceSpec = {
  name: 'notifications',
  entities: [],
  migrations: [
    CreateDeliveries1732300000400,
    Episodes1732300000401,
    Corrections1732300000402,
    WebhookSubscriptions1732300000410,
    OwnerContacts1732300000411,
    PublicAckNotes1732300000412,
    Retention1732300000413,
    AckLinkRevocations1732300000414,
  ],
  produces: [TOPICS.notifications],
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
        BullModule.registerQueue(
          {
            name: DELIVERY_QUEUE,
            // One rate limit per endpoint (Bull groups the limiter by the job's `endpoint` field).
            limiter: { max: env.ENDPOINT_RATE_LIMIT_MAX, duration: env.ENDPOINT_RATE_LIMIT_WINDOW_MS, groupKey: ENDPOINT_GROUP },
            settings: {
              lockDuration: env.DELIVERY_LOCK_MS,
              stalledInterval: env.DELIVERY_LOCK_MS,
              maxStalledCount: 3,
              backoffStrategies: { jitter: jitterBackoff(env.DELIVERY_BACKOFF_MS) },
            },
          },
          { name: SCHEDULED_QUEUE },
          // Integrators' subscriptions: a queue of their own, so a slow integrator does not hold up alerts to people.
          {
            name: SUBSCRIPTION_QUEUE,
            settings: {
              lockDuration: env.DELIVERY_LOCK_MS,
              stalledInterval: env.DELIVERY_LOCK_MS,
              backoffStrategies: { jitter: jitterBackoff(env.DELIVERY_BACKOFF_MS) },
            },
          },
        ),
        QueueBoardModule.forQueues([DELIVERY_QUEUE, SUBSCRIPTION_QUEUE, SCHEDULED_QUEUE]),
      ],
      controllers: [
        AlertsConsumer,
        OwnersConsumer,
        DeliveriesController,
        EndpointsController,
        EpisodesController,
        GoalHistoryController,
        AckLinkController,
        AckLinkRevocationsController,
        PublicNotesController,
        SilencesController,
        RecipientsController,
        RoutingRulesController,
        AdminController,
        SubscriptionEventsConsumer,
        SubscriptionsController,
        WebhookEndpointsController,
      ],
      providers: [
        DeliveryCountsRepository,
        NotificationMetrics,
        DisabledEndpointsRepository,
        { provide: Clock, useClass: SystemClock },
        RecipientPlanner,
        AlertIntake,
        HandleGoalEvent,
        HandleAlert,
        StoreOwnerContacts,
        Channels,
        MessageBuilder,
        MessageAssembler,
        DeliveryOutcomes,
        ListDeliveries,
        CountDeliveries,
        RetryDelivery,
        ListEpisodes,
        GetEpisode,
        GetGoalHistory,
        CreateSilence,
        ListSilences,
        GetSilence,
        EndSilence,
        DeliveryQueue,
        SendDelivery,
        DeliveryProcessor,
        DeliverySweeper,
        Reminders,
        Acknowledgements,
        ShowAckLink,
        AcknowledgeByLink,
        RevokeAckLinks,
        RecipientsRepository,
        ListRecipients,
        GetRecipient,
        CreateRecipient,
        UpdateRecipient,
        DeleteRecipient,
        RoutingRulesRepository,
        ListRoutingRules,
        GetRoutingRule,
        CreateRoutingRule,
        UpdateRoutingRule,
        DeleteRoutingRule,
        PublicNotesRepository,
        ListPublicNotes,
        Digests,
        ScheduledJobs,
        PruneDeliveryAttempts,
        secretBoxProvider,
        SigningSecrets,
        WebhookEndpointsRepository,
        EndpointSigner,
        ListWebhookEndpoints,
        RegisterWebhookEndpoint,
        RotateWebhookEndpointSecret,
        UpdateWebhookEndpoint,
        SubscriptionsRepository,
        SubscriptionDeliveriesRepository,
        SubscriptionDeliveryQueue,
        SendSubscriptionDelivery,
        SubscriptionDeliveryProcessor,
        SubscriptionSweeper,
        PlanSubscriptionDeliveries,
        CreateSubscription,
        ListSubscriptions,
        GetSubscription,
        UpdateSubscription,
        DeleteSubscription,
        RotateSubscriptionSecret,
        ReplaySubscription,
        ListSubscriptionDeliveries,
      ],
    };
  }
}

/**
 * Notifications: turns goal transitions and data-quality problems into episodes, reminders,
 * recoveries and notices, routed to owners and recipients, grouped, and delivered through Bull
 * by email, signed webhook, Teams and Slack.
 */
export const notificationsApp: ServiceApp<NotificationsEnv> = {
  spec,
  envSchema: notificationsEnvSchema,
  module: (env) => NotificationsModule.forRoot(env),
  consumes: true,
};
