/** The agency directory, loaded once per page and shared by the move dialog and the co-agency picker. */
import { useApi } from '../api/useApi.js';
import { rightsApi } from './api.js';

export const useAgencies = () => useApi('agencies', (s) => rightsApi.agencies(s));
