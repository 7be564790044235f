/** One direction of a commitment's cross-links, as a list of links to the other commitments. */
import type { LinkView } from '../../shared/protocol/public.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Link } from '../router/Link.js';

interface Props {
  title: string;
  links: LinkView[];
  hrefOf: (id: string) => string;
  onRemove?: (link: LinkView) => void;
}

export function LinkList({ title, links, hrefOf, onRemove }: Props) {
  const { t, lang } = useI18n();
  return (
    <div className="xlinks-group">
      <h3 className="xlinks-title">{title}</h3>
      {links.length === 0 ? (
        <p className="muted small">{t('xlinksNone')}</p>
      ) : (
        <ul className="xlinks-list">
          {links.map((l) => (
            <li key={l.id}>
              <Link href={hrefOf(l.id)}>
                <span className="commitment-number">{l.number}</span> {l.title[lang] || l.title.zh}
              </Link>
              {l.note && <span className="xlink-note">{l.note}</span>}
              {onRemove && (
                <button type="button" className="link-button" onClick={() => onRemove(l)}>
                  {t('xlinkRemove', { number: l.number })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
