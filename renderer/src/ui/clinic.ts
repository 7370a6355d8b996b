import { createContext, useContext } from 'react';

/** The clinic's name and how to reach it (setup.status), for what a window prints. */
export interface ClinicCard {
  name: string;
  address: string;
  phone: string | null;
  email: string | null;
}

export const ClinicContext = createContext<ClinicCard | null>(null);
export const useClinic = () => useContext(ClinicContext);
