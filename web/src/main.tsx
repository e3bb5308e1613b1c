import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { SearchPage } from './pages/SearchPage.tsx';
import { NoticePage } from './pages/NoticePage.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<SearchPage />} />
        <Route path="/notices/:id" element={<NoticePage />} />
        <Route path="*" element={<main className="page"><h1>页面不存在</h1><a href="/">返回检索</a></main>} />
      </Routes>
    </BrowserRouter>
  </StrictMode>,
);
