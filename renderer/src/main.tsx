import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

// The window's CSP forbids eval: without this, zod probes for it (new Function) and the console shows the refusal.
z.config({ jitless: true });
initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
