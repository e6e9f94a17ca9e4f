/** Renderer entry: styles, AG Grid modules, the theme before first paint, then the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/components.css';
import './styles/tables.css';
import './styles/shell.css';
import './styles/palette.css';
import './styles/overview.css';
import './styles/sources.css';
import './styles/settings.css';
import './app/gridTheme';
import { App } from './app/App';
import { initialTheme } from './app/theme';

initialTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
