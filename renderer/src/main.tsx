import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client.js';
import { fragmentHasCredentials } from './api/token.js';
import { App } from './app/App.js';
import './styles/base.css';
import './styles/shell.css';
import './styles/orders.css';
import './styles/drawer.css';
import './styles/forms.css';
import './styles/session.css';
import './styles/admin.css';
import './styles/sync.css';

// Pasting a fresh serve or pairing link into an open tab changes only the fragment (no reload): start over with it.
window.addEventListener('hashchange', () => {
  if (fragmentHasCredentials()) window.location.reload();
});

api.connect();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
