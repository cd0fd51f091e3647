// A nonce ends up inside both an HTML attribute and a header: only base64 (or base64url) of a
// decent length is accepted, so a bad one fails loudly here rather than weakening either.
const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

export function checkNonce(nonce: string): string {
  if (!NONCE.test(nonce)) {
    throw new TypeError('a page nonce is at least 16 base64 characters, fresh for each response');
  }
  return nonce;
}

/**
 * The recipient pages load nothing and run nothing: their one inline `<style>` carries the
 * nonce, images are only `data:` (the favicon), and forms post back to us alone.
 */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `style-src 'nonce-${checkNonce(nonce)}'`,
    'img-src data:',
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
