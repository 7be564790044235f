/** Small inline SVG icons (decorative: the button around each icon carries the name). */
import type { ReactElement } from 'react';

const icon = (path: ReactElement) => () => (
  <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    {path}
  </svg>
);

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export const BulletListIcon = icon(
  <g {...stroke}>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <circle cx="4.5" cy="6" r="1" fill="currentColor" />
    <circle cx="4.5" cy="12" r="1" fill="currentColor" />
    <circle cx="4.5" cy="18" r="1" fill="currentColor" />
  </g>,
);
export const OrderedListIcon = icon(
  <g {...stroke}>
    <path d="M10 6h10M10 12h10M10 18h10" />
    <path d="M4 5l1.5-1v5M3.5 14.5c.5-1 2.5-1 2.5.3 0 1-2.5 2-2.5 3.2h2.5" strokeWidth="1.5" />
  </g>,
);
export const LinkIcon = icon(
  <g {...stroke}>
    <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1" />
    <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1" />
  </g>,
);
export const UndoIcon = icon(
  <g {...stroke}>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </g>,
);
export const RedoIcon = icon(
  <g {...stroke}>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9.5a5.5 5.5 0 0 0 0 11H13" />
  </g>,
);
export const ArrowUpIcon = icon(<path {...stroke} d="M12 19V5M5 12l7-7 7 7" />);
export const ArrowDownIcon = icon(<path {...stroke} d="M12 5v14M19 12l-7 7-7-7" />);
export const TrashIcon = icon(
  <g {...stroke}>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
  </g>,
);
export const PlusIcon = icon(<path {...stroke} d="M12 5v14M5 12h14" />);
export const GlobeIcon = icon(
  <g {...stroke}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
  </g>,
);
export const BellIcon = icon(
  <g {...stroke}>
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </g>,
);
