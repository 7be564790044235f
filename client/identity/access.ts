/** What the signed-in person may do to a commitment's text: the server's own table, from shared/. */
export { commitmentAccess, canEdit, type DocAccess } from '../../shared/protocol/access.js';
