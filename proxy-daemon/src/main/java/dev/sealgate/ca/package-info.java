/** The local certificate authority that lets the proxy read CONNECT tunnels it injects into. */
package dev.sealgate.ca;
