import type { DevInboxWording } from '../en/dev-inbox.js';

// "Posta di prova", as the web app's menu calls the same inbox.
export const devInbox: DevInboxWording = {
  title: 'Posta di prova',
  pageTitle: (shown) => `${shown} · Posta di prova`,
  intro:
    'SMTP_URL non è impostato, quindi ogni email inviata da Mailbeacon arriva qui invece di partire. Aprine una per vederla come la vedrebbe il destinatario: le immagini si caricano, e aperture, clic e download vengono tracciati.',
  otherSenders: (address) =>
    `Altri programmi possono inviare via SMTP a ${address}, ma la loro posta non appartiene a nessuno spazio di lavoro e non è mostrata a nessuno: qui compare solo ciò che Mailbeacon ha inviato per il tuo.`,
  empty: 'Ancora nessuna email. Invia un messaggio e comparirà qui.',
  live: 'Le nuove email compaiono da sole.',
  retrying: (seconds) => `Il server non risponde; nuovo tentativo tra ${seconds} s.`,
  noSender: '(nessun mittente)',
  noRecipients: '(nessun destinatario)',
  none: '(assente)',

  backToInbox: '← Posta in arrivo',
  source: 'Sorgente',
  downloadEml: 'Scarica .eml',
  backToMail: 'Torna all’email',
  from: 'Da',
  to: 'A',
  cc: 'Cc',
  date: 'Data',
  deliveredTo: 'Consegnata a',
  envelope: 'Busta SMTP',
  size: 'Dimensione',
  attachments: (count) => `Allegati (${count})`,
  notParsed: 'Non è stato possibile leggere questa email; eccone il sorgente.',
  noBody: '(nessun contenuto)',
  bodyFrame: 'Il corpo HTML dell’email',
  plainTextPart: 'Parte in testo semplice',
  sourceTitle: (subject) => `Sorgente di ${subject}`,
  sourceHeading: 'Sorgente',

  notFoundTitle: 'Non trovata',
  notFoundHeading: 'Questa email non c’è',
  notFoundBody: 'Non è nella posta di prova. Forse il database è stato azzerato.',
};
