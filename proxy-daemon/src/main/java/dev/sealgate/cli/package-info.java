/** The picocli commands, their output and their exit codes. */
package dev.sealgate.cli;
