/** The {@code istn} commands. Commands are thin: they parse the command line, load the settings and delegate to the library. */
package org.istn.cli;
