import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

// Packaging downloads Electron and cannot run here; what it is told to do can be read.
const config = yaml.load(readFileSync(resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('the packaged app', () => {
  it('has Electron fuses set so its binary cannot be turned into a general Node runtime or debugged from outside', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });
});
