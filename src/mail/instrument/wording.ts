import type { Language } from './types.js';

/** Every sentence the inserted blocks say, in each language we write. */
export interface Wording {
  /** Heading of the download block: `2 attachments`. */
  attachments(count: number): string;
  downloadButton(count: number): string;
  /** `date` as formatLongDate writes it. */
  expiresOn(date: string): string;
  privacyNotice(withAttachments: boolean): string;
  stopTracking: string;
}

export const WORDING: Readonly<Record<Language, Wording>> = Object.freeze({
  en: {
    attachments: (count) => (count === 1 ? '1 attachment' : `${count} attachments`),
    downloadButton: (count) => (count === 1 ? 'Download attachment' : 'Download attachments'),
    expiresOn: (date) => `The link expires on ${date}.`,
    privacyNotice: (withAttachments) =>
      withAttachments
        ? 'This email lets the sender know when it is opened, when its links are clicked and when its attachments are downloaded.'
        : 'This email lets the sender know when it is opened and when its links are clicked.',
    stopTracking: 'Stop tracking',
  },
  it: {
    attachments: (count) => (count === 1 ? '1 allegato' : `${count} allegati`),
    downloadButton: (count) => (count === 1 ? "Scarica l'allegato" : 'Scarica gli allegati'),
    // Italian elides the article before a vowel sound: "l'8 marzo", "l'11 aprile".
    expiresOn: (date) => `Il link scade ${/^(8|11) /.test(date) ? "l'" : 'il '}${date}.`,
    privacyNotice: (withAttachments) =>
      withAttachments
        ? 'Questa email comunica al mittente quando viene aperta, quando si fa clic sui suoi link e quando vengono scaricati i suoi allegati.'
        : 'Questa email comunica al mittente quando viene aperta e quando si fa clic sui suoi link.',
    stopTracking: 'Disattiva il tracciamento',
  },
});
