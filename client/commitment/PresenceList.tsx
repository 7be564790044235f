/** Avatars of everyone in this commitment, with name, affiliation and the field they are in. */
import { useI18n } from '../i18n/I18nProvider.js';
import { initials } from '../identity/identity.js';
import { describeField } from './describeField.js';
import { usePeersHere } from './PeersContext.js';

const MAX_AVATARS = 6;

export function PresenceList() {
  const peers = usePeersHere();
  const i18n = useI18n();
  const { t } = i18n;
  const shown = peers.slice(0, MAX_AVATARS);
  return (
    <div className="presence">
      <h2 className="visually-hidden" id="presence-heading">{t('presenceLabel')}</h2>
      <ul className="avatars" aria-labelledby="presence-heading">
        {shown.map((p) => {
          const affiliation = t(p.user.affiliation === 'agency' ? 'affiliationAgency' : 'affiliationCivil');
          const where = p.user.field ? t('presenceIn', { field: describeField(p.user.field, i18n) }) : '';
          const description = [
            `${p.user.name}${p.isLocal ? t('presenceYou') : ''}`,
            [p.user.affiliationName, affiliation].filter(Boolean).join('・'),
            where,
          ].filter(Boolean).join('，');
          return (
            <li key={p.clientId} className={`avatar${p.isLocal ? ' avatar-local' : ''}`} style={{ backgroundColor: p.user.color }} title={description}>
              <span aria-hidden="true">{initials(p.user.name)}</span>
              <span className="visually-hidden">{description}</span>
            </li>
          );
        })}
        {peers.length > MAX_AVATARS && <li className="avatar avatar-more">+{peers.length - MAX_AVATARS}</li>}
      </ul>
      {peers.length <= 1 && <span className="muted small">{t('presenceOnlyYou')}</span>}
    </div>
  );
}
