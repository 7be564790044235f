/**
 * Demo accounts, one per role, seeded with the demo plan so a new user can try every role.
 * The password is public (README): a real deployment invites its people instead.
 */
import type { NewUser } from '../auth/types.js';

export const DEMO_PASSWORD = 'gongbi-demo-2021';

export const DEMO_ACCOUNTS: Array<Omit<NewUser, 'passwordHash'>> = [
  {
    email: 'coordinator@demo.gongbi.tw',
    name: '陳協調（國發會）',
    role: 'coordinator',
    affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' },
  },
  {
    email: 'agency@demo.gongbi.tw',
    name: '王科長（法務部）',
    role: 'agency_editor',
    affiliation: { kind: 'agency', id: 'moj', name: '法務部' },
  },
  {
    email: 'civil@demo.gongbi.tw',
    name: '林委員（民間）',
    role: 'civil_editor',
    affiliation: { kind: 'civil_society', id: 'civil-members', name: '推動小組民間委員' },
    commitments: ['c-01-open-data-reuse', 'c-04-access-to-information', 'c-16-procurement-integrity'],
  },
  {
    email: 'translator@demo.gongbi.tw',
    name: 'Alex Lee (translator)',
    role: 'translator',
    affiliation: { kind: 'agency', id: 'ndc', name: '國家發展委員會' },
  },
  {
    email: 'viewer@demo.gongbi.tw',
    name: '張觀察（民間）',
    role: 'viewer',
    affiliation: { kind: 'civil_society', id: 'open-gov-watch', name: '開放政府觀察' },
  },
];
