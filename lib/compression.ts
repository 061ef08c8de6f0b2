/**
 * API Gateway REST compresses a response itself (gzip, when the client sends `Accept-Encoding: gzip`) once its body
 * reaches this size: the RestApi's `minCompressionSize`. The local gateway applies the same rule, so handlers always
 * return plain JSON and never deal with binary media types. 1 KiB: smaller bodies gain less than gzip costs.
 */
export const MIN_COMPRESSION_BYTES = 1024;
