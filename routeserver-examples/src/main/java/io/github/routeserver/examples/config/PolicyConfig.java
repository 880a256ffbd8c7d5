package io.github.routeserver.examples.config;

import com.google.common.collect.ImmutableMap;
import io.github.routeserver.core.policy.PeerPolicies;
import io.github.routeserver.core.policy.RoutePolicy;

/**
 * A policy configuration as read from YAML: the policies by name (those defined in the file and the
 * built-ins it used) and the import and export chain of every peer.
 *
 * @param policies the policies by name, in definition order
 * @param peerPolicies the per-peer and per-group chains
 */
public record PolicyConfig(ImmutableMap<String, RoutePolicy> policies, PeerPolicies peerPolicies) {}
