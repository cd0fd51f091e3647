import type { AggregateWording } from '../en/aggregate.js';

/** Il conteggio aggregato delle aperture (vedi en/aggregate.ts). */
export const aggregate: AggregateWording = {
  // Nel testo dell'email resta l'apostrofo dritto, come nel resto di mail.ts.
  mailNotice: 'Questa email conta quante volte viene aperta in totale, mai da chi.',
  mailLink: 'Come funziona',

  pageTitle: 'Conteggio delle aperture',
  pageHeading: 'Questa email conta soltanto le sue aperture',
  counts: (subject, organisation) =>
    `L’email ${subject} di ${organisation} contiene un’immagine invisibile, uguale in ogni copia: quando viene caricata, il totale delle aperture dell’email cresce di uno.`,
  nothingAboutYou:
    'Il conteggio non dice mai chi ha aperto l’email: non viene conservato nulla su di te — indirizzo, dispositivo, indirizzo IP o posizione — e nessuno viene avvisato quando la apri. I link e gli allegati non sono tracciati.',
  why: 'Permette al mittente di sapere, nel complesso, se le sue email vengono lette.',
  avoid:
    'Per evitare anche questo conteggio, non caricare le immagini dell’email: la maggior parte dei programmi di posta permette di bloccarle.',
};
