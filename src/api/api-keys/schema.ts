import { Type } from 'typebox';
import { ApiKeyView } from '../presenters/account-views.js';
import { Id, SingleLine } from '../schemas.js';

export const CreateApiKeyBody = Type.Object(
  { name: SingleLine({ minLength: 1, maxLength: 100, visible: true }) },
  { additionalProperties: false },
);
export const CreatedApiKey = Type.Object({
  id: Id,
  name: Type.String(),
  key: Type.String({ description: 'The key itself: shown this once, never again' }),
});
export const ApiKeyList = Type.Object({ apiKeys: Type.Array(ApiKeyView) });
export const ApiKeyParams = Type.Object({ id: Id });
