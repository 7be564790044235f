/** The whole commitment table on one page, in the order people know from the printed plan. */
import { SECTION_KEYS, type Bilingual } from '../../shared/schema/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useCommitment } from './CommitmentContext.js';
import { LanguageNames } from './LangTag.js';
import { BudgetTable } from './BudgetTable.js';
import { MetaFields } from './MetaFields.js';
import { MilestoneTable } from './MilestoneTable.js';
import { SectionRow } from './SectionRow.js';

export function CommitmentTable({ domainName }: { domainName: Bilingual | null }) {
  const { viewMode } = useCommitment();
  const { t } = useI18n();
  return (
    <div className={`commitment-table view-${viewMode}`}>
      <LanguageNames />
      <section className="ctable" aria-labelledby="table-heading">
        <h2 id="table-heading" className="visually-hidden">{t('tableHeading')}</h2>
        {viewMode === 'both' && (
          <div className="crow crow-head" aria-hidden="true">
            <div className="clabel" />
            <div className="cvalue langs-2">
              <div className="col-head">{t('columnZh')}</div>
              <div className="col-head">{t('columnEn')}</div>
            </div>
          </div>
        )}
        <MetaFields domainName={domainName} />
        {SECTION_KEYS.map((key) => (
          <SectionRow key={key} sectionKey={key} />
        ))}
      </section>
      <MilestoneTable />
      <BudgetTable />
    </div>
  );
}
