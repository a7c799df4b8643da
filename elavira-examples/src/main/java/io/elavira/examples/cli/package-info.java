/**
 * The {@code elavira} command-line tool: {@code ingest}, {@code ask}, {@code chat} and {@code demo}
 * subcommands over one {@link io.elavira.ElaviraAgent} per agent home, built with picocli. Entry
 * point: {@link io.elavira.examples.cli.ElaviraCli#main}. Application code, not an API.
 */
@NullMarked
package io.elavira.examples.cli;

import org.jspecify.annotations.NullMarked;
