/**
 * The files the sample apps read: the daemon's YAML configuration and its policy language (named
 * sets, policies built of terms, built-in policies and the per-peer chains, read with Jackson into
 * the core's policy values), the learned routes of the offline effective-routes calculator, and BGP
 * messages in hex. Every error names the file, the line, the column and the field in one line. The
 * shapes are documented by the commented samples in {@code config/} of this module.
 */
@NullMarked
package io.github.routeserver.examples.config;

import org.jspecify.annotations.NullMarked;
