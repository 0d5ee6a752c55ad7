/** Pure request-in, request-out decisions: which keys, which hosts, what to add. */
package dev.sealgate.inject;
