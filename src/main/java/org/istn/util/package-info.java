/** Small application-wide facts (name, version). */
package org.istn.util;
