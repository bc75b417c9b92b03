/** Manifests (TSV/CSV lists of subjects, image paths and labels) on any Hadoop filesystem, the rows that cannot be used, and the reports of them. */
package org.istn.io.manifest;
