import { dependencyProbes } from '#adapters/health/dependency-probes';
import { checkHealth } from '#services/check-health';

/** The health check over one read-only probe per dependency. */
export const healthCheck = () => checkHealth(dependencyProbes);
