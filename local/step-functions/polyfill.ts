// aws-local-stepfunctions calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
}
const PromiseCtor = Promise as unknown as WithResolvers;
PromiseCtor.withResolvers ??= <T>() => {
  let resolve!: (v: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
export {};
