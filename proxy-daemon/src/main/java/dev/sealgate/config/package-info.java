/** Loads and validates config.yaml and its environment overrides. */
package dev.sealgate.config;
