/** Comments as a plug-in of a section editor: open threads highlighted in its text, and the "Comment" button under it. */
import type { SectionEditorPlugin } from '../editor/SectionEditor.js';
import { CommentButton } from './CommentButton.js';
import type { CommentsController } from './CommentsController.js';
import { commentHighlights } from './highlights.js';

/** For the editor of `field` (`section.<key>.<lang>`), named `name`; no highlights without a controller (the button then shows nothing). */
export function commentPlugin(controller: CommentsController | null, field: string, name: string): SectionEditorPlugin {
  return {
    extensions: controller ? [commentHighlights(controller, field)] : [],
    render: (editor) => <CommentButton editor={editor} field={field} name={name} />,
  };
}
