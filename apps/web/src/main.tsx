import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { languageReady, storedLang } from './i18n';
import { renderedPreferences } from './common/preferences';
import './styles.css';
import './common/ui.css';
import { App } from './App';

// A page the server rendered is hydrated: the first render repeats the server's, in its language and mode.
const rendered = renderedPreferences();
void languageReady(rendered?.lang ?? storedLang()).then(() => {
  const root = document.getElementById('root')!;
  const app = (
    <StrictMode>
      <App settings={rendered} />
    </StrictMode>
  );
  // A page that differs from the server's (a choice stored before the cookies existed, data changed in between) is
  // drawn again by React from the nearest boundary: said in the console, not raised as an error.
  if (rendered) hydrateRoot(root, app, { onRecoverableError: (err) => console.warn('the page was drawn again after the server’s copy', err) });
  else createRoot(root).render(app);
});
