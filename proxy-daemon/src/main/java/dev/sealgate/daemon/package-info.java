/** Lifecycle: bind the proxy, run it, drain and stop. */
package dev.sealgate.daemon;
