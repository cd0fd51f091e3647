/** Every sentence the blocks inserted into a tracked mail say (download block, privacy notice). */
export const mail = {
  /** Heading of the download block: `2 attachments`. */
  attachments: (count: number): string => (count === 1 ? '1 attachment' : `${count} attachments`),
  downloadButton: (count: number): string =>
    count === 1 ? 'Download attachment' : 'Download attachments',
  /** `date` as formatLongDate writes it. */
  expiresOn: (date: string): string => `The link expires on ${date}.`,
  privacyNotice: (withAttachments: boolean): string =>
    withAttachments
      ? 'This email lets the sender know when it is opened, when its links are clicked and when its attachments are downloaded.'
      : 'This email lets the sender know when it is opened and when its links are clicked.',
  stopTracking: 'Stop tracking',
};

export type MailWording = typeof mail;
