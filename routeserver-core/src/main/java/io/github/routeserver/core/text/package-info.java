/**
 * Helpers shared by the modules' log lines and error messages: text kept on one line, and a limit
 * on how often a line is logged. Depends on nothing else in the library.
 */
@NullMarked
package io.github.routeserver.core.text;

import org.jspecify.annotations.NullMarked;
