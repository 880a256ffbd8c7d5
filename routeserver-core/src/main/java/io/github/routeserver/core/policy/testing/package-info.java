/**
 * What vendors need to unit-test their policies, with no test-framework dependency: routes and
 * contexts in one line ({@link io.github.routeserver.core.policy.testing.TestRoutes}) and outcome
 * assertions in one line ({@link io.github.routeserver.core.policy.testing.PolicyAssert}) whose
 * failure message is the full {@linkplain io.github.routeserver.core.policy.Explanation trace}.
 */
@NullMarked
package io.github.routeserver.core.policy.testing;

import org.jspecify.annotations.NullMarked;
