import type { Lang } from '../../../web/language';

const da = {
  title: 'Køer',
  intro:
    'Tjenesterne udfører leverancer, planlagte job og hentninger i Bull-køer. Her ses hver kø med antal job pr. tilstand; åbn en tjenestes køoversigt (Bull Board) for at se jobbene, deres fejl og logs.',
  actions:
    'I køoversigten kan du sende fejlede job igen. Fjerne, rydde, fremskynde, tilføje eller sætte en kø på pause er slået fra: det ville gå uden om det, tjenesterne selv registrerer om deres arbejde. En død leverance sendes igen fra Leverancelog.',
  thirdParty:
    'Køoversigten er Bull Board, et værktøj fra en tredjepart, som ikke er gennemtestet for tilgængelighed. Tabellerne her viser de samme tal.',
  open: (service: string) => `Åbn køoversigten for ${service}`,
  caption: (service: string) => `Køer i ${service}, antal job pr. tilstand`,
  queue: 'Kø',
  paused: 'sat på pause',
  counts: { waiting: 'Venter', active: 'I gang', delayed: 'Udskudt', failed: 'Fejlet', completed: 'Færdig' },
  about: {
    deliveries: 'Beskeder til personer: e-mail, webhook, Teams og Slack',
    'subscription-deliveries': 'Hændelser til integrationers webhook-abonnementer',
    'notifications-scheduled': 'Planlagte job: samlede beskeder, påmindelser og oprydning',
    'goals-scheduled': 'Planlagt kontrol af forældede mål',
    'jobindsats-pulls': 'Hentninger fra Jobindsats, planlagte og manuelle',
  } as Record<string, string>,
};
const en: typeof da = {
  title: 'Queues',
  intro:
    'The services run deliveries, scheduled jobs and pulls in Bull queues. Here is each queue with its jobs by state; open a service’s queue board (Bull Board) to see the jobs, their failures and logs.',
  actions:
    'On the queue board you can retry failed jobs. Removing, cleaning, promoting, adding or pausing is turned off: it would bypass what the services record about their work. A dead delivery is retried from the Delivery log.',
  thirdParty:
    'The queue board is Bull Board, a third-party tool that has not been fully tested for accessibility. The tables here show the same figures.',
  open: (service: string) => `Open the queue board of ${service}`,
  caption: (service: string) => `Queues of ${service}, jobs by state`,
  queue: 'Queue',
  paused: 'paused',
  counts: { waiting: 'Waiting', active: 'Active', delayed: 'Delayed', failed: 'Failed', completed: 'Completed' },
  about: {
    deliveries: 'Messages to people: email, webhook, Teams and Slack',
    'subscription-deliveries': 'Events to integrators’ webhook subscriptions',
    'notifications-scheduled': 'Scheduled jobs: digests, reminders and clean-up',
    'goals-scheduled': 'Scheduled check for stale goals',
    'jobindsats-pulls': 'Pulls from Jobindsats, scheduled and manual',
  },
};
export const QUEUES_TEXTS: Record<Lang, typeof da> = { da, en };
