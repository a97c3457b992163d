import type { ConsolePage } from '../../web/console-page';
import { AdminIndexController } from './admin-index.controller';
import { AdminApiKeysController } from './api-keys/api-keys.controller';
import { CreateApiKey, ListApiKeys, RevokeApiKey } from './api-keys/api-keys.use-cases';
import { AdminContactsController } from './contacts/contacts.controller';
import { ListContacts } from './contacts/list-contacts.use-case';
import { LoadContact } from './contacts/load-contact.use-case';
import { SaveContact } from './contacts/save-contact.use-case';
import { AdminDeliveriesController } from './deliveries/deliveries.controller';
import { ListDeliveries, RetryDelivery } from './deliveries/deliveries.use-cases';
import { AdminEndpointsController } from './endpoints/endpoints.controller';
import { EnableEndpoint, ListDisabledEndpoints } from './endpoints/endpoints.use-cases';
import { CheckPlan } from './plans/check-plan.use-case';
import { ListPlans } from './plans/list-plans.use-case';
import { LoadPlanHistory } from './plans/load-plan-history.use-case';
import { LoadPlanText } from './plans/load-plan-text.use-case';
import { AdminPlansController } from './plans/plans.controller';
import { LoadQueues } from './queues/load-queues.use-case';
import { QueueBoardProxy } from './queues/queue-board-proxy';
import { AdminQueuesController } from './queues/queues.controller';
import { SavePlan } from './plans/save-plan.use-case';
import { DeleteRoutingRule } from './routing/delete-routing-rule.use-case';
import { LoadRoutingRule } from './routing/load-routing-rule.use-case';
import { LoadRouting } from './routing/load-routing.use-case';
import { AdminRoutingController } from './routing/routing.controller';
import { SaveRoutingRule } from './routing/save-routing-rule.use-case';
import { AdminAudit } from './shared/admin-audit';
import { AdminSubscriptionsController } from './subscriptions/subscriptions.controller';
import {
  CreateSubscription,
  DeleteSubscription,
  ListSubscriptions,
  LoadSubscription,
  ReplaySubscription,
  RotateSubscriptionSecret,
  SetSubscriptionEnabled,
} from './subscriptions/subscriptions.use-cases';

/** Page 5, Admin (admins only): one entry per section, each with its controller and use cases. */
export const ADMIN_PAGES: ConsolePage[] = [
  { controllers: [AdminIndexController], providers: [AdminAudit] },
  { controllers: [AdminPlansController], providers: [ListPlans, CheckPlan, SavePlan, LoadPlanHistory, LoadPlanText] },
  { controllers: [AdminContactsController], providers: [ListContacts, LoadContact, SaveContact] },
  { controllers: [AdminRoutingController], providers: [LoadRouting, LoadRoutingRule, SaveRoutingRule, DeleteRoutingRule] },
  { controllers: [AdminEndpointsController], providers: [ListDisabledEndpoints, EnableEndpoint] },
  { controllers: [AdminDeliveriesController], providers: [ListDeliveries, RetryDelivery] },
  { controllers: [AdminApiKeysController], providers: [ListApiKeys, CreateApiKey, RevokeApiKey] },
  { controllers: [AdminQueuesController], providers: [LoadQueues, QueueBoardProxy] },
  {
    controllers: [AdminSubscriptionsController],
    providers: [
      ListSubscriptions,
      LoadSubscription,
      CreateSubscription,
      SetSubscriptionEnabled,
      RotateSubscriptionSecret,
      ReplaySubscription,
      DeleteSubscription,
    ],
  },
];
