/** Text helpers shared by the modules' error messages. Depends on nothing else in the library. */
@NullMarked
package io.github.routeserver.core.text;

import org.jspecify.annotations.NullMarked;
