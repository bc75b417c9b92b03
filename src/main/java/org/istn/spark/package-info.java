/** Spark plumbing shared by the jobs: session creation and Kryo registrations. */
package org.istn.spark;
