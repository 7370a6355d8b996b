import { expect, it } from 'vitest';
import { z } from 'zod';
import { patientExport } from '../../shared/contract';

// The export's published JSON Schema is made from the one zod definition the export is checked against when it is
// written (shared/contract/export.ts). After changing that definition: `npx vitest run tests/unit/export-schema.test.ts -u`.
it('publishes the patient export shape as the JSON Schema in resources/export', async () => {
  const schema = { ...z.toJSONSchema(patientExport, { target: 'draft-2020-12' }), title: 'MedLink patient export (medlink-export.json)' };
  await expect(`${JSON.stringify(schema, null, 2)}\n`).toMatchFileSnapshot('../../resources/export/patient-export.schema.json');
});
