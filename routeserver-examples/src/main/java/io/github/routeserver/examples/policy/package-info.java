/**
 * A sample custom policy, written the way a vendor would write one, and tested in this module's
 * tests with one-line routes and assertions.
 */
@NullMarked
package io.github.routeserver.examples.policy;

import org.jspecify.annotations.NullMarked;
