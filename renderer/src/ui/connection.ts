import { createContext } from 'react';

/** Counts the times a signed-in window found the clinic's database server again; every loaded screen asks again then. */
export const ReconnectContext = createContext(0);
