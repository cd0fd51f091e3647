import { checkNonce } from '../../html/index.js';

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
