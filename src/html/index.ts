export { escapeHtml } from './escape-html.js';
export { checkNonce, newNonce } from './nonce.js';
