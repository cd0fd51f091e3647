export { formatAddress } from './format-address.js';
export { LineMeter, longestLine, MAX_LINE_OCTETS } from './line-length.js';
export type { Address, InlineImage, MailAttachment, MailCopy } from './mail-copy.js';
export { streamMime } from './stream-mime.js';
