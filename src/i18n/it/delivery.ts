import { capitalised } from '../capitalised.js';
import type { DeliveryWording, SmtpFailureFacts } from '../en/delivery.js';

const relay = (facts: SmtpFailureFacts) =>
  facts.relay ? `il server SMTP ${facts.relay}` : 'il server SMTP';
const systemCode = (facts: SmtpFailureFacts) => (facts.systemCode ? ` (${facts.systemCode})` : '');
const whom = (facts: SmtpFailureFacts) =>
  facts.recipient
    ? `il destinatario <${facts.recipient}>`
    : facts.everyRecipient
      ? 'tutti i destinatari'
      : 'il destinatario';

export const delivery: DeliveryWording = {
  stages: {
    connect: (facts) => `Impossibile comunicare con ${relay(facts)}${systemCode(facts)}`,
    tls: (facts) => `La connessione TLS con ${relay(facts)} non è riuscita${systemCode(facts)}`,
    auth: (facts) => `${relay(facts)} ha rifiutato l’accesso`,
    mail: (facts) =>
      `${relay(facts)} ha rifiutato il mittente${facts.from ? ` <${facts.from}>` : ''} al comando MAIL FROM`,
    rcpt: (facts) => `${relay(facts)} ha rifiutato ${whom(facts)} al comando RCPT TO`,
    data: (facts) => `${relay(facts)} ha rifiutato il messaggio al comando DATA`,
    unknown: (facts) => `L’invio tramite ${relay(facts)} non è riuscito`,
  },
  verdicts: {
    deferred: 'temporaneo, verrà ritentato',
    rejected: 'permanente, riprovare non servirà',
  },
  causes: {
    unresolved: 'il suo nome host non si risolve',
    refused: 'la connessione è stata rifiutata',
    timeout: 'nessuna risposta in tempo',
    closed: 'la connessione è stata chiusa',
    notSmtp: 'il server non ha risposto come un server SMTP',
    tls: 'la negoziazione TLS non è riuscita',
    certificate: 'il suo certificato non è stato accettato',
    login: 'non è stato possibile eseguire l’accesso',
    envelope: 'un indirizzo non può essere scritto in un comando SMTP',
    tooLarge: 'il messaggio è più grande di quanto il server accetti',
    failed: 'la connessione non è riuscita',
  },
  forbidden: (reason) =>
    `la politica delle connessioni in uscita lo vieta: ${reason} (solo indirizzi pubblici, salvo ALLOW_PRIVATE_NETWORKS)`,
  hints: {
    checkLogin: 'controlla nome utente e password nelle impostazioni del server SMTP',
    noStarttls: 'il server non offre STARTTLS, che ?tls=required rende obbligatorio',
    selfSigned: 'se il server usa un certificato autofirmato, aggiungi ?tls=insecure al suo URL',
    loginRequired: 'il server chiede di accedere: inserisci utente e password nel suo URL',
  },
  smtpFailure: (what, detail, verdict, hint) =>
    capitalised(`${what}: ${detail} (${verdict}${hint === undefined ? '' : `; ${hint}`})`),
  gaveUp: (attempts, reason) =>
    `invio abbandonato dopo ${attempts} ${attempts === 1 ? 'tentativo' : 'tentativi'}: ${reason}`,
  notBuilt: (reason) => `non è stato possibile preparare la copia: ${reason}`,
};
