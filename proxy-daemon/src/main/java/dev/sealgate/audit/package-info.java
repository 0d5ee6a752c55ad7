/** Writes, reads and verifies the hash-chained audit log. */
package dev.sealgate.audit;
