/** The app's pages and their addresses are the server's list (src/api/web-app/spa-routes.ts). */
export {
  fillPattern,
  type PatternParams,
  SPA_ROUTES,
  type SpaRoute,
  spaPath,
} from '../../../src/api/web-app/spa-routes';
