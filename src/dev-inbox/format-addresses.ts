import type { AddressObject, EmailAddress } from 'mailparser';

/**
 * Address headers as a mail client shows them: `Zoë <zoe@example.jp>, anna@example.org`, names
 * already decoded from RFC 2047 and left unquoted (mailparser's own `text` quotes them).
 * Groups keep their shape: `Team: a@example.org, b@example.org;`.
 */
export function formatAddresses(header: AddressObject | AddressObject[] | undefined): string {
  if (header === undefined) return '';
  const objects = Array.isArray(header) ? header : [header];
  return objects.flatMap((object) => object.value.map(formatAddress)).join(', ');
}

function formatAddress(address: EmailAddress): string {
  if (address.group !== undefined) {
    return `${address.name}: ${address.group.map(formatAddress).join(', ')};`;
  }
  const email = address.address ?? '';
  if (!address.name) return email;
  return email ? `${address.name} <${email}>` : address.name;
}
