/** Who is in this commitment, read once per page and shared with every field's presence marker. */
import { createContext, useContext } from 'react';
import type { Peer } from '../sync/presence.js';

export const PeersContext = createContext<Peer[]>([]);
export const usePeersHere = () => useContext(PeersContext);
