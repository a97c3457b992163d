type ChannelFields = {
  email?: string | null;
  webhookUrl?: string | null;
  teamsWebhookUrl?: string | null;
  slackWebhookUrl?: string | null;
};

/** A recipient must keep a way to reach them: a create names one, a change may not remove the last. */
export const hasChannel = (recipient: ChannelFields) =>
  !!(recipient.email || recipient.webhookUrl || recipient.teamsWebhookUrl || recipient.slackWebhookUrl);
