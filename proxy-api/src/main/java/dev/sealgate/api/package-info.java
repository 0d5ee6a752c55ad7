/** The contract between agents, the daemon and the relay: immutable types only, no I/O. */
package dev.sealgate.api;
