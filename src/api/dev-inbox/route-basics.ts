import { MailbeaconError } from '../../errors.js';

export const tags = ['dev inbox'];
// Whoever opens a mail is its recipient, not a user of the app.
export const config = { access: 'public' as const };

export const notFound = () =>
  new MailbeaconError('MB_ERR_NOT_FOUND', 'No such mail in the dev inbox');
