import { capitalised } from '../capitalised.js';
import type { PageWording } from '../en/pages.js';
import type { DateText } from '../markup.js';
import { italianArticle } from './article.js';

/** `il 27 dicembre`, `l’8 marzo`; with a preposition `al`/`all’`, `dal`/`dall’`. */
const withArticle = (date: DateText, preposition: '' | 'a' | 'da' = '') =>
  `${italianArticle(date.text, preposition)}${date.html}`;

export const pages: PageWording = {
  noSubject: '(senza oggetto)',
  quote: (subject) => `«${subject}»`,
  from: 'Da',
  // Outlook and most Italian-localised mail clients answer with `R:` (short for "Risposta"),
  // so an Italian reader's reply looks like the ones they write every day.
  replyPrefix: 'R: ',

  downloadTitle: (count, subject) => `${count === 1 ? 'Allegato' : 'Allegati'}: ${subject}`,
  downloadHeading: (count, subject) =>
    `${count === 1 ? 'Allegato' : 'Allegati'} all’email ${subject}`,
  availableUntil: (count, date) =>
    `${count === 1 ? 'Disponibile' : 'Disponibili'} fino ${withArticle(date, 'a')}.`,
  filesSummary: (count, totalSize) => `${count} file, ${totalSize} in totale`,
  filesLabel: 'File',
  noFiles: 'Qui non ci sono file da scaricare.',
  download: 'Scarica',
  downloadAll: 'Scarica tutti (zip)',
  zipName: 'allegati',
  kinds: {
    pdf: 'Documento PDF',
    image: 'Immagine',
    document: 'Documento',
    spreadsheet: 'Foglio di calcolo',
    presentation: 'Presentazione',
    archive: 'Archivio compresso',
    text: 'File di testo',
    audio: 'Audio',
    video: 'Video',
    email: 'Messaggio email',
    program: 'Programma: aprilo solo se te lo aspettavi',
    other: 'File',
  },
  downloadsReported: 'Il mittente viene avvisato quando scarichi un file.',
  privacyLink: 'Cosa viene registrato e come impedirlo',

  expiredTitle: 'Link scaduto',
  expiredHeading: 'Il link per scaricare gli allegati è scaduto',
  expiredBody: (subject, date) =>
    date
      ? `Gli allegati dell’email ${subject} erano disponibili solo per un periodo limitato: il link è scaduto ${withArticle(date)}.`
      : `Gli allegati dell’email ${subject} erano disponibili solo per un periodo limitato, che ora è terminato.`,
  revokedTitle: 'Allegati ritirati',
  revokedHeading: 'Il mittente ha ritirato gli allegati',
  revokedBody: (subject) =>
    `Gli allegati dell’email ${subject} non si possono più scaricare: il mittente li ha ritirati.`,
  askSender: (name) =>
    `Se ti servono ancora, chiedi ${name ? `a ${name}` : 'al mittente'} di inviarteli di nuovo.`,
  writeTo: (name) => `Scrivi a ${name}`,
  senderAddress: (email) => `Il suo indirizzo è ${email}.`,

  privacyTitle: 'Tracciamento e privacy',
  privacyHeading: 'Il tracciamento in questa email',
  whatHeading: 'Cosa viene registrato',
  tellsSender: (subject) => `L’email ${subject} fa sapere al mittente:`,
  tracksOpens: 'che l’hai aperta',
  tracksClicks: 'su quali dei suoi link hai fatto clic',
  tracksDownloads: 'quali dei suoi allegati hai scaricato',
  tracksDetails: {
    anonymize:
      'Ogni volta vengono registrati il momento, il tipo di dispositivo e di programma di posta e il tuo indirizzo IP, accorciato alla sua rete (/24 per IPv4, /48 per IPv6) in modo che sia solo approssimativo. La tua posizione non viene mai registrata.',
    full: 'Ogni volta vengono registrati il momento, il tipo di dispositivo e di programma di posta e il tuo indirizzo IP completo. La tua posizione non viene mai registrata.',
    none: 'Ogni volta vengono registrati il momento e il tipo di dispositivo e di programma di posta. Il tuo indirizzo IP non viene registrato, né la tua posizione.',
  },
  tracksNothing: 'Questa email non registra nulla di ciò che ne fai.',
  whyHeading: 'Perché',
  why: 'Servono al mittente per sapere che l’email ti è arrivata ed è stata letta.',
  whoHeading: 'Chi vede questi dati',
  who: (organisation, person) =>
    person
      ? `${organisation}, che ti ha inviato l’email: in particolare ${person}, che ti ha scritto, ed eventuali colleghi che la seguono.`
      : `${organisation}, che ti ha inviato l’email: chi l’ha scritta ed eventuali colleghi che la seguono.`,
  keptHeading: 'Per quanto tempo',
  kept: (days) =>
    `I dati vengono conservati per ${days === 1 ? '1 giorno' : `${days} giorni`} e poi cancellati.`,
  rights: (contact) =>
    `Per sapere cosa è stato registrato su di te, o per farlo cancellare, scrivi a ${contact}.`,
  stopHeading: 'Disattiva il tracciamento',
  stopExplain: (organisation) =>
    `Vale da subito, anche per le email di ${organisation} che hai già ricevuto. I link e gli allegati dell’email continuano a funzionare.`,
  stopButton: 'Non tracciarmi più',
  alreadyStopped: (organisation) =>
    `Hai già disattivato il tracciamento: per le email di ${organisation} non viene più registrato nulla su di te. I link e gli allegati dell’email continuano a funzionare.`,

  optedOutTitle: 'Tracciamento disattivato',
  optedOutHeading: 'Fatto: il tracciamento è disattivato',
  optedOutSince: (date, organisation) =>
    `${capitalised(withArticle(date, 'da'))} non viene più registrato nulla quando apri le email di ${organisation}, fai clic sui loro link o ne scarichi gli allegati, comprese quelle che hai già ricevuto.`,
  keepsWorking: 'I link e gli allegati dell’email continuano a funzionare come prima.',
  questions: (person) => `Per qualsiasi domanda puoi scrivere a ${person}.`,

  resumeHeading: 'Riattiva il tracciamento',
  resumeExplain: (organisation) =>
    `Solo tu puoi annullare la tua scelta. Se vuoi che ${organisation} sappia di nuovo quando apri le sue email, fai clic sui loro link o ne scarichi gli allegati, spunta la casella e premi il pulsante: vale da subito.`,
  resumeConfirm: (organisation) =>
    `Sì, voglio che ${organisation} sappia di nuovo quando leggo le sue email.`,
  resumeUnconfirmed:
    'Prima spunta la casella per confermare: non è cambiato nulla, il tracciamento resta disattivato.',
  resumeButton: 'Tracciami di nuovo',
  resumedTitle: 'Tracciamento riattivato',
  resumedHeading: 'Fatto: il tracciamento è di nuovo attivo',
  resumedSince: (date, organisation) =>
    `${capitalised(withArticle(date, 'da'))} ${organisation} torna a sapere quando apri le sue email, fai clic sui loro link o ne scarichi gli allegati. Puoi disattivarlo di nuovo quando vuoi dal link in fondo a ogni email.`,

  notFoundTitle: 'Link non riconosciuto',
  notFoundHeading: 'Questo link non funziona',
  notFoundBody:
    'Forse è stato copiato solo in parte, oppure si è danneggiato lungo la strada. Prova ad aprirlo di nuovo dall’email; se ancora non funziona, chiedi a chi te l’ha inviata.',

  unavailableTitle: 'Momentaneamente non disponibile',
  unavailableHeading: 'Questa pagina non è disponibile in questo momento',
  unavailableBody:
    'Il link è corretto: il servizio è momentaneamente occupato o in manutenzione. Riprova tra qualche minuto.',
};
