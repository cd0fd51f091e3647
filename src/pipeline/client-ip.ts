// The rule lives with TRACKING_IP in the config module, where the logger reaches it too.
export { keptIp } from '../config.js';
