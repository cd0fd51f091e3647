import type { ChatWording } from '../en/chat.js';
import { italianArticle } from './article.js';

const until = (date: string | undefined) =>
  date === undefined ? '' : ` fino ${italianArticle(date, 'a')}${date}`;

export const chat: ChatWording = {
  linkRevoked: (user, file) => `${user} ha revocato il link a ${file}`,
  linkRestored: (user, file, date) => `${user} ha ripristinato il link a ${file}${until(date)}`,
  linkExtended: (user, file, date) => `${user} ha prolungato il link a ${file}${until(date)}`,
  linkShortened: (user, file, date) => `${user} ha accorciato il link a ${file}${until(date)}`,
  linkEnded: (user, file) => `${user} ha fatto scadere il link a ${file}: non funziona più`,
  deliveryRejected: (who, response) => `La consegna a ${who} è stata rifiutata: ${response}`,
  deliveryFailed: (who, response) => `La consegna a ${who} non è riuscita: ${response}`,
};
