import { capitalised } from '../capitalised.js';
import type { ConsentWording } from '../en/consent.js';
import type { DateText } from '../markup.js';
import { italianArticle } from './article.js';

/** `Dal 27 dicembre`, `Dall’8 marzo`: a sentence's opening. */
const since = (date: DateText) => capitalised(`${italianArticle(date.text, 'da')}${date.html}`);

/** Il consenso al tracciamento sulla pagina privacy del destinatario (vedi en/consent.ts). */
export const consent: ConsentWording = {
  heading: 'Il tuo consenso',
  offer: (organisation) =>
    `Puoi acconsentire a che ${organisation} registri quando apri le sue email, ne clicchi i link o ne scarichi gli allegati. Puoi revocare il consenso qui in qualsiasi momento: la revoca vale subito, anche per le email che hai già ricevuto.`,
  giveButton: 'Acconsento al tracciamento',
  giveConfirm: (organisation) =>
    `Sì, acconsento a che ${organisation} registri quando leggo le sue email.`,
  giveUnconfirmed:
    'Prima spunta la casella per confermare: non è cambiato nulla, nessun consenso è registrato.',
  given: (organisation) =>
    `Hai acconsentito a che ${organisation} registri quando apri le sue email, ne clicchi i link o ne scarichi gli allegati. Puoi revocare il consenso in qualsiasi momento: la revoca vale subito, anche per le email che hai già ricevuto.`,
  withdrawButton: 'Revoca il consenso',

  givenTitle: 'Consenso registrato',
  givenHeading: 'Grazie: il tuo consenso è registrato',
  givenSince: (date, organisation) =>
    `${since(date)} ${organisation} può registrare quando apri le sue email, ne clicchi i link o ne scarichi gli allegati. Puoi revocare il consenso dal link sulla privacy in fondo a ognuna delle sue email.`,
  withdrawnTitle: 'Consenso revocato',
  withdrawnHeading: 'Fatto: il consenso è revocato',
  withdrawnSince: (date, organisation) =>
    `${since(date)} ${organisation} non ha più il tuo consenso: le email che tracciava solo grazie al tuo consenso, comprese quelle che hai già ricevuto, non registrano più nulla.`,
  stopAll:
    'Per non essere tracciato affatto, usa il pulsante “Non tracciarmi più” nella pagina sulla privacy.',
};
