import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engagementFileFromArgv } from '../../../electron/main/launch-file';

describe('the engagement the OS asks the app to open', () => {
  it('is the engagement file among the arguments (the file association), resolved against the launch folder', () => {
    expect(engagementFileFromArgv(['/opt/Carbon Audit/carbon-audit', '/home/jane/group.carbonaudit'], '/home/jane')).toBe('/home/jane/group.carbonaudit');
    expect(engagementFileFromArgv(['C:\\Program Files\\Carbon Audit\\Carbon Audit.exe', '--allow-file-access-from-files', 'FY24.CARBONAUDIT'], '/home/auditor/clients')).toBe(path.resolve('/home/auditor/clients', 'FY24.CARBONAUDIT'));
  });

  it('is nothing when no engagement is named: development runs, switches, other files', () => {
    expect(engagementFileFromArgv(['/usr/lib/electron', '.'], '/repo')).toBeNull();
    expect(engagementFileFromArgv(['/usr/lib/electron', '.', '--inspect=9229', '--open=x.carbonaudit', 'energy.xlsx'], '/repo')).toBeNull();
    // The executable itself is never taken for the file, whatever it is called.
    expect(engagementFileFromArgv(['/tmp/evil.carbonaudit'], '/')).toBeNull();
  });
});
