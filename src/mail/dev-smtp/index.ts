export {
  type DevSmtpMessage,
  type DevSmtpServer,
  type DevSmtpServerOptions,
  startDevSmtpServer,
} from './dev-smtp-server.js';
