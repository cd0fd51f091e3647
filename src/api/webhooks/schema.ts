import { Type } from 'typebox';
import {
  WebhookDeliveryView,
  WebhookEventType,
  WebhookFormatSchema,
  WebhookView,
} from '../presenters/webhook-views.js';
import { Cursor, Id, NextCursor, SingleLine } from '../schemas.js';

export const CreateWebhookBody = Type.Object(
  {
    url: SingleLine({
      minLength: 1,
      maxLength: 2048,
      description: 'http(s); private and loopback addresses only with ALLOW_PRIVATE_NETWORKS',
    }),
    events: Type.Array(WebhookEventType, { minItems: 1, maxItems: 20 }),
    secret: Type.Optional(
      Type.String({
        minLength: 16,
        maxLength: 200,
        pattern: '^\\S+$',
        description: 'Signs the deliveries; generated when left out',
      }),
    ),
    format: Type.Optional(WebhookFormatSchema),
  },
  { additionalProperties: false },
);

export const WebhookParams = Type.Object({ id: Id });
export const WebhookList = Type.Object({ webhooks: Type.Array(WebhookView) });

export const DeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Cursor('The `cursor` of the page before')),
});
export const DeliveryList = Type.Object({
  deliveries: Type.Array(WebhookDeliveryView),
  cursor: NextCursor,
});

export { WebhookView };
