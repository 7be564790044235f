/** A rich-text section redline that keeps its paragraphs, headings and list items; long unchanged stretches fold away. */
import type { BlockDiff } from '../../shared/diff/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Del, Ins, Segments } from './DiffText.js';

type Side = 'before' | 'after' | undefined;

/** Blocks near a change stay; runs of more than one unchanged block further away fold into a count. */
function fold(blocks: BlockDiff[]): Array<BlockDiff | { folded: number }> {
  const changed = blocks.map((b) => b.op !== 'equal');
  const out: Array<BlockDiff | { folded: number }> = [];
  blocks.forEach((b, i) => {
    if (changed[i] || changed[i - 1] || changed[i + 1]) out.push(b);
    else {
      const last = out[out.length - 1];
      if (last && 'folded' in last) last.folded++;
      else out.push({ folded: 1 });
    }
  });
  return out;
}

function BlockText({ b, side }: { b: BlockDiff; side: Side }) {
  const { t } = useI18n();
  const text = b.block.text;
  const notes = (
    <>
      {b.moveId !== undefined && <span className="diff-note"> {t('diffMoved')}</span>}
      {b.formatChanged && <span className="diff-note"> {t('diffFormatChanged')}</span>}
    </>
  );
  if (b.op === 'insert') return side === 'before' ? null : <><Ins>{text}</Ins>{notes}</>;
  if (b.op === 'delete') return side === 'after' ? null : <><Del>{text}</Del>{notes}</>;
  if (b.op === 'change') {
    const segments = b.segments ?? [{ op: 'equal' as const, text }];
    return <><Segments segments={segments} side={side} />{notes}</>;
  }
  return <>{text}</>;
}

function Block({ b, side }: { b: BlockDiff; side: Side }) {
  const info = b.op === 'delete' || (side === 'before' && b.oldBlock) ? (b.oldBlock ?? b.block) : b.block;
  // An inserted block on the old side (or a deleted one on the new side) leaves an empty gap.
  if ((side === 'before' && b.op === 'insert') || (side === 'after' && b.op === 'delete')) return <div className="diff-block diff-gap" aria-hidden="true" />;
  const cls = `diff-block diff-${b.op}${info.kind === 'heading' ? ' diff-heading' : ''}${info.kind === 'listItem' ? ' diff-li' : ''}`;
  const style = info.kind === 'listItem' ? { marginInlineStart: `${(info.depth - 1) * 1.25 + 1.25}rem` } : undefined;
  const marker = info.kind === 'listItem' ? (info.listType === 'orderedList' ? '' : '• ') : '';
  return (
    <p className={cls} style={style} data-op={b.op}>
      {marker && <span aria-hidden="true">{marker}</span>}
      <BlockText b={b} side={side} />
    </p>
  );
}

export function RichDiff({ blocks, side }: { blocks: BlockDiff[]; side?: Side }) {
  const { t } = useI18n();
  return (
    <div className="rich-diff">
      {fold(blocks).map((b, i) =>
        'folded' in b ? (
          <p key={i} className="diff-block diff-folded">{t('diffFolded', { count: b.folded })}</p>
        ) : (
          <Block key={i} b={b} side={side} />
        ),
      )}
    </div>
  );
}

/** Side by side: each block's old and new form on one row, so they line up. */
export function RichDiffSideBySide({ blocks, beforeLabel, afterLabel }: { blocks: BlockDiff[]; beforeLabel: string; afterLabel: string }) {
  const { t } = useI18n();
  return (
    <table className="side-table">
      <thead>
        <tr>
          <th scope="col">{beforeLabel}</th>
          <th scope="col">{afterLabel}</th>
        </tr>
      </thead>
      <tbody>
        {fold(blocks).map((b, i) =>
          'folded' in b ? (
            <tr key={i}><td colSpan={2} className="diff-folded">{t('diffFolded', { count: b.folded })}</td></tr>
          ) : (
            <tr key={i}>
              <td><Block b={b} side="before" /></td>
              <td><Block b={b} side="after" /></td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
