export { type AggregatePageInput, renderAggregatePage } from './aggregate-page.js';
export {
  type ConsentDonePageInput,
  type ConsentSectionInput,
  consentProofText,
  renderConsentDonePage,
} from './consent-page.js';
export {
  type DownloadPageFile,
  type DownloadPageInput,
  renderDownloadPage,
} from './download-page.js';
export { type ExpiredPageInput, renderExpiredPage } from './expired-page.js';
export { type NotFoundPageInput, renderNotFoundPage } from './not-found-page.js';
export { type OptedOutPageInput, renderOptedOutPage } from './opted-out-page.js';
export { pageText } from './page-text.js';
export { type PrivacyKeeps, type PrivacyPageInput, renderPrivacyPage } from './privacy-page.js';
export { type ResumedPageInput, renderResumedPage } from './resumed-page.js';
export type { PageSender, RenderedPage } from './types.js';
export { renderUnavailablePage, type UnavailablePageInput } from './unavailable-page.js';
