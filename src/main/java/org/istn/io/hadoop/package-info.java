/** Hadoop input formats: whole NIfTI files as Spark/MapReduce records. */
package org.istn.io.hadoop;
