// The clinic's wall-clock arithmetic lives in shared/clinic-time.ts (the screens use it too); bench/ still
// imports these from here until its owner moves the imports, then this file goes.
export { addDays, zonedInstant, zonedParts } from '../../../shared/clinic-time';
