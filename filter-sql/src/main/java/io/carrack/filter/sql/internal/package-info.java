/**
 * Lexer, recursive-descent parser and evaluator tree of the SQL92 filter.
 *
 * <p>Evaluation uses four truth states ({@link io.carrack.filter.sql.internal.Truth}): true, false, unknown
 * (a missing property, as SQL's three-valued logic) and error (a value that cannot be converted, which in Apache
 * RocketMQ is an exception that rejects the message whatever the rest of the expression says).
 */
package io.carrack.filter.sql.internal;
