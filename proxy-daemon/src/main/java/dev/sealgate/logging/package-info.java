/** Where log lines go: stderr, set up in code. */
package dev.sealgate.logging;
