/** A workshop's figures: computed from raw records, stored for archived workshops. */
export { computeWorkshopFigures } from './compute.ts';
export { storeWorkshopFigures, storedWorkshopFigures, workshopFiguresFor } from './store.ts';
