import type { MailWording } from '../en/mail.js';
import { startsWithVowelSound } from './article.js';

export const mail: MailWording = {
  attachments: (count) => (count === 1 ? '1 allegato' : `${count} allegati`),
  downloadButton: (count) => (count === 1 ? "Scarica l'allegato" : 'Scarica gli allegati'),
  // Mail keeps the typewriter apostrophe, which every mail client's font has.
  expiresOn: (date) => `Il link scade ${startsWithVowelSound(date) ? "l'" : 'il '}${date}.`,
  privacyNotice: (withAttachments) =>
    withAttachments
      ? 'Questa email comunica al mittente quando viene aperta, quando si fa clic sui suoi link e quando vengono scaricati i suoi allegati.'
      : 'Questa email comunica al mittente quando viene aperta e quando si fa clic sui suoi link.',
  stopTracking: 'Disattiva il tracciamento',
};
