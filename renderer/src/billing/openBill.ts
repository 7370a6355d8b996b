import { createContext, useContext } from 'react';

/** A bill to show: one already known, or the open bill of an appointment or a done health-service order. */
export type BillTarget = { billId: number } | { appointmentId: number } | { serviceOrderId: number };

/** Set by the clinic window: takes the person to the Bills section, showing this bill. */
export const OpenBill = createContext<((target: BillTarget) => void) | null>(null);
export const useOpenBill = () => useContext(OpenBill);
