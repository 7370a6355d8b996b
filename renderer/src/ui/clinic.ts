import { createContext, useContext } from 'react';
import type { Output } from '../../../shared/contract';

/** The clinic's name and how to reach it (setup.status), for what a window prints. */
export type ClinicCard = NonNullable<Output<'setup.status'>['contact']> & { name: string };

export const ClinicContext = createContext<ClinicCard | null>(null);
export const useClinic = () => useContext(ClinicContext);
