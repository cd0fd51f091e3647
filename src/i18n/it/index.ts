import type { Wording } from '../en/index.js';
import { account } from './account.js';
import { aggregate } from './aggregate.js';
import { consent } from './consent.js';
import { delivery } from './delivery.js';
import { devInbox } from './dev-inbox.js';
import { formats } from './formats.js';
import { mail } from './mail.js';
import { notify } from './notify.js';
import { pages } from './pages.js';

export const IT: Wording = {
  pages,
  mail,
  notify,
  delivery,
  devInbox,
  formats,
  consent,
  aggregate,
  account,
};
