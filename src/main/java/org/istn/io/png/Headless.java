package org.istn.io.png;

/**
 * Puts AWT in headless mode before any Java2D class of this package is used: drivers and cluster
 * nodes have no display, and a JVM that is not headless would try to open one.
 */
final class Headless {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Headless() {}

    /** Runs the static initialiser (idempotent). */
    static void ensure() {
        // the work is done once, by the class initialiser
    }
}
