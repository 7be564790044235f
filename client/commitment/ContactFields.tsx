/**
 * The lead agency's contact person: name and title, e-mail and phone, two to a row like the
 * other short values. Single values (last writer wins), editable by the commitment's writers.
 */
import { Fragment } from 'react';
import { CONTACT_KEYS, setContact, type ContactKey } from '../../shared/schema/index.js';
import { useContact } from '../editor/bindings/commitmentHooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useCommitment } from './CommitmentContext.js';
import { FieldPresence } from './FieldPresence.js';
import { fieldLabelId, inputId } from './labelIds.js';

const TYPES: Record<ContactKey, { type: string; autoComplete: string }> = {
  name: { type: 'text', autoComplete: 'off' },
  title: { type: 'text', autoComplete: 'off' },
  email: { type: 'email', autoComplete: 'off' },
  phone: { type: 'tel', autoComplete: 'off' },
};

function ContactInput({ contactKey }: { contactKey: ContactKey }) {
  const { doc, access } = useCommitment();
  const value = useContact(doc, contactKey);
  const path = `contact.${contactKey}`;
  return (
    <input
      id={inputId(path)}
      data-field={path}
      type={TYPES[contactKey].type}
      autoComplete={TYPES[contactKey].autoComplete}
      maxLength={200}
      className="input-medium"
      value={value}
      readOnly={access !== 'write'}
      onChange={(e) => setContact(doc, contactKey, e.target.value.slice(0, 200))}
    />
  );
}

export function ContactFields() {
  const { field } = useI18n();
  const pairs: ContactKey[][] = [CONTACT_KEYS.slice(0, 2), CONTACT_KEYS.slice(2)];
  return (
    <>
      {pairs.map((pair) => (
        <div key={pair[0]} className="crow crow-pair">
          {pair.map((key) => {
            const path = `contact.${key}`;
            return (
              <Fragment key={key}>
                <div className="clabel">
                  <label id={fieldLabelId(path)} htmlFor={inputId(path)}>{field(path)}</label>
                  <FieldPresence field={path} />
                </div>
                <div className="cvalue">
                  <ContactInput contactKey={key} />
                </div>
              </Fragment>
            );
          })}
        </div>
      ))}
    </>
  );
}
