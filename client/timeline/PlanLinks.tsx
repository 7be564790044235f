/** Links from a plan's overview to its timeline, its public-comment moderation and its public site. */
import { useI18n } from '../i18n/I18nProvider.js';
import './timeline.css';
import { useIdentity } from '../identity/IdentityProvider.js';
import { Link } from '../router/Link.js';
import { moderationPath, planTimelinePath, publicPlanPath } from '../router/routes.js';

export function PlanLinks({ planId }: { planId: string }) {
  const { t } = useI18n();
  const { identity } = useIdentity();
  // Translators and viewers answer for no commitment: the queue would refuse them.
  const moderates = identity && ['coordinator', 'agency_editor', 'civil_editor'].includes(identity.role);
  return (
    <div className="page subnav-page">
      <nav aria-label={t('planLinksLabel')}>
        <ul className="plan-extra-links">
          <li><Link href={planTimelinePath(planId)}>{t('timelineTitle')}</Link></li>
          {moderates && <li><Link href={moderationPath(planId)}>{t('moderationTitle')}</Link></li>}
          <li><Link href={publicPlanPath(planId)}>{t('publicSiteLink')}</Link></li>
        </ul>
      </nav>
    </div>
  );
}
