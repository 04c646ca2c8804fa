import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/styles.css';
import { enableHostTheme } from '../shared/theme';
import { AdminPage } from './AdminPage';

void enableHostTheme().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AdminPage />
    </StrictMode>,
  );
});
