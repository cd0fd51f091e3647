const until = (date: string | undefined) => (date === undefined ? '' : ` until ${date}`);

/**
 * The lines the system posts in a message's chat. `user` is the acting user's name, `file` an
 * attachment's name, `until` the link's new end as formatLongDate writes it (undefined: none),
 * `who` a recipient as the chat names them, `response` the SMTP server's reply or our error.
 */
export const chat = {
  linkRevoked: (user: string, file: string): string => `${user} revoked the link to ${file}`,
  linkRestored: (user: string, file: string, date: string | undefined): string =>
    `${user} restored the link to ${file}${until(date)}`,
  linkExtended: (user: string, file: string, date: string | undefined): string =>
    `${user} extended the link to ${file}${until(date)}`,
  linkShortened: (user: string, file: string, date: string | undefined): string =>
    `${user} shortened the link to ${file}${until(date)}`,
  linkEnded: (user: string, file: string): string =>
    `${user} ended the link to ${file}: it no longer works`,
  deliveryRejected: (who: string, response: string): string =>
    `Delivery to ${who} was rejected: ${response}`,
  deliveryFailed: (who: string, response: string): string =>
    `Delivery to ${who} failed: ${response}`,
};

export type ChatWording = typeof chat;
