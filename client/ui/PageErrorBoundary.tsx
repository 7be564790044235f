/**
 * What a page shows when it fails to render: a sentence in the reader's language, a way back
 * and a reload, inside the app's header — never a blank screen. Keyed by the path where it is
 * used, so moving to another page starts afresh.
 */
import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorState } from './States.js';

function PageFailed() {
  const { t } = useI18n();
  return (
    <div className="page">
      <ErrorState title={t('pageFailedTitle')}>
        <p>{t('pageFailedBody')}</p>
        <p>
          <a href="/">{t('backToPlan')}</a>
          {' · '}
          <button type="button" className="button" onClick={() => window.location.reload()}>
            {t('pageFailedReload')}
          </button>
        </p>
      </ErrorState>
    </div>
  );
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown): void {
    // Kept in the console for whoever reports it; the page itself says what to do.
    console.error('page failed to render', error);
  }

  render(): ReactNode {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
