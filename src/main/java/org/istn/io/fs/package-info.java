/** Filesystem helpers shared by every writer: atomic writes on any Hadoop filesystem. */
package org.istn.io.fs;
