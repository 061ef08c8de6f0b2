import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { enforceAwsSolutions } from '../../lib/nag';

export interface NagViolation {
  rule: string;
  path: string;
}

interface ValidationReport {
  pluginReports: { violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

/**
 * Runs the AwsSolutions pack over the app as bin/app.ts does (lib/nag.ts) and returns every
 * unacknowledged finding. A failing validation throws from synth; its report is in the assembly folder.
 */
export function awsSolutionsViolations(app: App): NagViolation[] {
  enforceAwsSolutions(app);
  try {
    app.synth();
  } catch (error) {
    if (!String(error).includes('Validation')) throw error;
  }
  const reportFile = join(app.outdir, 'validation-report.json');
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) => v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath }))),
  );
}
