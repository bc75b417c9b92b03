package org.istn.io.png;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small text labels. Java2D needs a font from the system; a JVM on a node with no fonts (no
 * fontconfig) fails on the first string, so the fonts are tried once and, when that fails, labels
 * are left out (measured as zero) with one warning rather than failing the run.
 */
final class Text {

    private static final Logger LOG = LoggerFactory.getLogger(Text.class);
    static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final boolean USABLE;
    private static final FontMetrics METRICS;

    static {
        Headless.ensure();
        FontMetrics metrics = null;
        try {
            BufferedImage probe = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = probe.createGraphics();
            g.setFont(FONT);
            g.drawString("Ag0", 0, 6);
            metrics = g.getFontMetrics();
            metrics.stringWidth("Ag0");
            g.dispose();
        } catch (Throwable e) { // a missing font shows as NullPointerException, AWTError or a bare Error
            if (e instanceof VirtualMachineError vme) {
                throw vme;
            }
            LOG.warn("no usable font in this JVM ({}); PNG images are written without text labels", e.toString());
            metrics = null;
        }
        USABLE = metrics != null;
        METRICS = metrics;
    }

    private Text() {}

    /** Whether labels are drawn. */
    static boolean usable() {
        return USABLE;
    }

    /** @return the width of a line of text in pixels (0 without fonts) */
    static int width(String s) {
        return USABLE && s != null ? METRICS.stringWidth(s) : 0;
    }

    /** @return the height of one line in pixels (0 without fonts) */
    static int lineHeight() {
        return USABLE ? METRICS.getHeight() : 0;
    }

    /** @return the ascent (baseline below the top of a line), 0 without fonts */
    static int ascent() {
        return USABLE ? METRICS.getAscent() : 0;
    }

    /** Draws one line with its top-left corner at (x, top). */
    static void draw(Graphics2D g, String s, int x, int top, Color color) {
        if (!USABLE || s == null || s.isEmpty()) {
            return;
        }
        g.setFont(FONT);
        g.setColor(color);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.drawString(s, x, top + METRICS.getAscent());
    }

    /** Draws one line horizontally centred on {@code centreX}. */
    static void drawCentred(Graphics2D g, String s, int centreX, int top, Color color) {
        draw(g, s, centreX - width(s) / 2, top, color);
    }
}
