import type { EventType } from '../store/index.js';

export type NoticeLanguage = 'en' | 'it';

export interface EventNotice {
  readonly type: EventType;
  /** The recipient's name, or their address. */
  readonly who: string;
  readonly subject: string;
  readonly url?: string;
  readonly filename?: string;
  /** The open's ordinal for this recipient (1 for the first). */
  readonly openNumber?: number;
  /** How many events a folded notification stands for. */
  readonly count?: number;
  readonly inferred?: boolean;
  /** Set when a machine's event notifies (the workspace asked for them): says what it probably was. */
  readonly machineReason?: string | null;
}

const ORDINAL_EN = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};

const MACHINE_EN: Record<string, string> = {
  apple_mpp: 'Apple’s privacy prefetch',
  gmail_proxy: 'Gmail’s image proxy',
  yahoo_proxy: 'Yahoo’s image proxy',
  honeypot: 'a link scanner',
  scanner_ua: 'an automatic scanner',
  scanner_network: 'a mail security scanner',
  scanner_burst: 'a link scanner',
  early_click: 'a mail security scanner',
  head_request: 'a link checker',
  prefetch_header: 'a prefetch',
};
const MACHINE_IT: Record<string, string> = {
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
};

function english(n: EventNotice): string {
  const subject = `«${n.subject}»`;
  let text: string;
  switch (n.type) {
    case 'open':
      text = `${n.who} opened ${subject}`;
      if (n.inferred) text += ' (seen from a click or download)';
      else if ((n.openNumber ?? 1) > 1) text += ` (${ORDINAL_EN(n.openNumber!)} time)`;
      break;
    case 'click':
      text = `${n.who} clicked ${n.url ?? 'a link'}`;
      break;
    case 'download':
      text = `${n.who} downloaded ${n.filename ?? 'an attachment'}`;
      break;
    case 'expired_access':
      text = `${n.who} tried to download ${n.filename ?? 'an attachment'} after the link expired`;
      break;
    case 'opt_out':
      text = `${n.who} asked not to be tracked any more`;
      break;
  }
  if (n.type !== 'open' && (n.count ?? 1) > 1) text += ` (${n.count} times)`;
  if (n.machineReason !== undefined) {
    text += ` — probably ${MACHINE_EN[n.machineReason ?? ''] ?? 'a machine'}, not the recipient`;
  }
  return text;
}

function italian(n: EventNotice): string {
  const subject = `«${n.subject}»`;
  let text: string;
  switch (n.type) {
    case 'open':
      text = `${n.who} ha aperto ${subject}`;
      if (n.inferred) text += ' (dedotto da un clic o da un download)';
      else if ((n.openNumber ?? 1) > 1) text += ` (${n.openNumber}ª volta)`;
      break;
    case 'click':
      text = `${n.who} ha cliccato ${n.url ?? 'un link'}`;
      break;
    case 'download':
      text = `${n.who} ha scaricato ${n.filename ?? 'un allegato'}`;
      break;
    case 'expired_access':
      text = `${n.who} ha provato a scaricare ${n.filename ?? 'un allegato'} dopo la scadenza del link`;
      break;
    case 'opt_out':
      text = `${n.who} ha chiesto di non essere più tracciato`;
      break;
  }
  if (n.type !== 'open' && (n.count ?? 1) > 1) text += ` (${n.count} volte)`;
  if (n.machineReason !== undefined) {
    text += ` — probabilmente ${MACHINE_IT[n.machineReason ?? ''] ?? 'un sistema automatico'}, non il destinatario`;
  }
  return text;
}

/** The notification's one line, in the follower's language. */
export function noticeText(notice: EventNotice, language: NoticeLanguage): string {
  return language === 'it' ? italian(notice) : english(notice);
}
