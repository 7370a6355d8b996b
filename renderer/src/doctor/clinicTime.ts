// The date helpers live in ui/format.ts; admin/Holidays.tsx (another engineer's file at the moment) still
// imports this name from here, and this file goes once that import moves to useDates.
export { useDates as useClinicTime } from '../ui/format';
