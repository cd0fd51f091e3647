import { Type } from 'typebox';

export const RecipientParams = Type.Object({
  email: Type.String({
    minLength: 1,
    maxLength: 254,
    description: 'The address, in any spelling (case, Unicode, IDN or punycode domain)',
  }),
});

const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const Erasure = Type.Object({
  erased: Type.Object(
    {
      events: Count('Events of that address, deleted'),
      copies: Count('Recipient rows anonymised (kept, with their counts)'),
      chatLines: Count('Chat lines naming the address, deleted'),
      notifications: Count('Notifications naming the address, deleted'),
      webhookDeliveries: Count('Webhook deliveries of its events, pending or not, deleted'),
      addressLists: Count('Messages whose stored To/Cc/Bcc listed it, anonymised'),
      hits: Count('Raw hits of its copies removed from the hit log'),
      consents: Count(
        'Consents given or withdrawn by that address, deleted (the opt-out proof log is kept)',
      ),
    },
    {
      // A table added later reports its own count.
      additionalProperties: Count('Rows of another table erased'),
      description: 'Rows erased, per table; anonymous counts stay',
    },
  ),
});
