/**
 * JSON with jackson-core's streaming API only: trees for the small files and messages, and the
 * helpers the hand-written codecs of the hot formats share. No ObjectMapper: setting one up costs a
 * CLI command ~50 ms and the daemon ~600 classes, for formats a page of code reads and writes.
 */
package dev.sealgate.json;
