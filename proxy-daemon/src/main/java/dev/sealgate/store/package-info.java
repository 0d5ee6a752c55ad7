/** Where values live: one SecretStore interface, one class per backend, and the key index. */
package dev.sealgate.store;
