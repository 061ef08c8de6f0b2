/** A local process or server started by the local cloud; `stop()` must leave no orphan behind. */
export interface RunningService {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}
