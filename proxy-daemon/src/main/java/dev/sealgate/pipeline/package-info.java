/** The Netty pipeline: client-facing and upstream-facing handlers, error responses. */
package dev.sealgate.pipeline;
