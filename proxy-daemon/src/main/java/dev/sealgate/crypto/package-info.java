/** Key derivation, AEAD and upstream TLS contexts. */
package dev.sealgate.crypto;
