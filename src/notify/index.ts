export { postSystemLine, type SystemLine } from './chat.js';
