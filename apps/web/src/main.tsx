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
  if (rendered) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
