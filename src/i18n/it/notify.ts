import type { NotifyWording } from '../en/notify.js';
import { italianArticle } from './article.js';

const until = (date: string | undefined) =>
  date === undefined ? '' : ` fino ${italianArticle(date, 'a')}${date}`;

const failedDeliveries = (count: number): string =>
  count === 1 ? '1 consegna non riuscita' : `${count} consegne non riuscite`;

export const notify: NotifyWording = {
  opened: (who, subject) => `${who} ha aperto «${subject}»`,
  clicked: (who, url) => `${who} ha cliccato ${url ?? 'un link'}`,
  downloaded: (who, filename) => `${who} ha scaricato ${filename ?? 'un allegato'}`,
  triedExpired: (who, filename) =>
    `${who} ha provato a scaricare ${filename ?? 'un allegato'} dopo la scadenza del link`,
  optedOut: (who) => `${who} ha chiesto di non essere più tracciato`,
  replied: (who, subject) => `${who} ha risposto a «${subject}»`,
  autoReplied: (who, subject) =>
    `${who} ha inviato una risposta automatica a «${subject}» (fuori sede o simile)`,
  inferredOpen: '(dedotto da un clic, un download o una risposta)',
  nthOpen: (n) => `(${n}ª volta)`,
  repeated: (count) => `(${count} volte)`,
  machines: {
    apple_mpp: 'il precaricamento privacy di Apple',
    gmail_proxy: 'il proxy immagini di Gmail',
    yahoo_proxy: 'il proxy immagini di Yahoo',
    honeypot: 'uno scanner di link',
    scanner_ua: 'uno scanner automatico',
    scanner_network: 'uno scanner di sicurezza della posta',
    scanner_burst: 'uno scanner di link',
    early_click: 'uno scanner di sicurezza della posta',
    head_request: 'un controllo automatico dei link',
    prefetch_header: 'un precaricamento',
  },
  unknownMachine: 'un sistema automatico',
  probablyMachine: (machine) => `— probabilmente ${machine}, non il destinatario`,
  onMessage: (subject) => `— «${subject}»`,

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

  webhookDisabled: (url, failures, lastError) =>
    `Il webhook ${url} è stato disattivato dopo ${failedDeliveries(failures)} (ultimo errore: ${lastError}); ricrealo quando il destinatario funziona`,
  webhookDisabledReason: (failures, lastError) =>
    `non è arrivato nulla: ${failedDeliveries(failures)} di fila; ultimo errore: ${lastError}`,
};
