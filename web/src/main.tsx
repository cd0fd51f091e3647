import { createRoot } from 'react-dom/client';
import { App } from './app';
import { I18nProvider } from './i18n/i18n';
import { RouterProvider } from './lib/router';
import { SessionProvider } from './session/session';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <RouterProvider>
      <I18nProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </I18nProvider>
    </RouterProvider>,
  );
}
