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
  mailboxAppendFailed: (problem) =>
    `La copia per la cartella Posta inviata della casella condivisa non è stata salvata: ${problem}. Verrà ritentata; l’invio continua.`,
  mailboxAppendGaveUp: (problem) =>
    `La copia per la cartella Posta inviata della casella condivisa è stata abbandonata: ${problem}.`,
  mailboxProblems: {
    login_failed: 'il server IMAP ha rifiutato nome utente o password',
    forbidden: 'l’indirizzo del server IMAP non è consentito',
    unresolvable: 'il nome del server IMAP non si risolve',
    unreachable: 'il server IMAP non è raggiungibile',
    tls: 'la connessione sicura al server IMAP non è riuscita',
    no_sent_folder: 'la casella non ha una cartella Posta inviata (indicala nelle impostazioni)',
    protocol: 'il server IMAP non ha risposto come previsto',
    no_password: 'la password della casella va salvata di nuovo (SECRET è cambiato)',
  },
};
