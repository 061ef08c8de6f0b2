import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * Runs cdk-nag's AwsSolutions pack on every synth of `app`, so `cdk synth` and `cdk deploy` stop on a finding nobody
 * acknowledged (with a reason, on the construct it concerns: lib/constructs/nag-acknowledgements.ts). cdk-nag 3 is a
 * CDK policy-validation plugin rather than an Aspect: a failed validation makes synth throw and writes
 * validation-report.json into the assembly.
 */
export function enforceAwsSolutions(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
