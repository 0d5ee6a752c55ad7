/**
 * Finds injected values that an upstream echoes back and replaces them before the agent sees them.
 */
package dev.sealgate.redact;
