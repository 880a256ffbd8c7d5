/**
 * The daemon's policy configuration in YAML: named sets, policies built of terms, built-in policies
 * and the per-peer chains, read with Jackson into the core's policy values. Errors name the file,
 * the line, the column and the field in one line. The shape is documented by the commented sample
 * {@code config/policies.yaml} of this module.
 */
@NullMarked
package io.github.routeserver.examples.config;

import org.jspecify.annotations.NullMarked;
