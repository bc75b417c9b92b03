package org.istn.io.png;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line plot of named series against a common x (epoch, step): axes with tick labels and light
 * grid lines, a title, axis labels, a legend right of the plot, linear or logarithmic y. Each
 * point is drawn as a dot and consecutive points are joined; a point whose x or y is NaN or
 * infinite (or, on a log axis, y ≤ 0) is skipped and breaks its line.
 */
public final class LinePlot {

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207),
    };
    private static final Color GRID = new Color(225, 225, 225);
    private static final int PAD = 6;
    private static final int SWATCH = 18;
    private static final double DOT = 5;

    static {
        Headless.ensure();
    }

    /**
     * One named series.
     *
     * @param name the legend entry
     * @param x the x values
     * @param y the y values, as many as x
     */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values and "
                        + y.length + " y values; expected as many of each");
            }
        }
    }

    /**
     * Where the data lands: the plot rectangle in pixels and the data range it shows. On a log
     * axis {@code yMin}/{@code yMax} are log10 of the values.
     */
    public record Frame(int left, int top, int right, int bottom, double xMin, double xMax, double yMin,
            double yMax, boolean logY) {

        /** @return the pixel column of an x value */
        public double px(double x) {
            return left + (x - xMin) / (xMax - xMin) * (right - left);
        }

        /** @return the pixel row of a y value (a value, also on a log axis) */
        public double py(double y) {
            double v = logY ? Math.log10(y) : y;
            return bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
        }
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logY;

    /**
     * @param title drawn above the plot (null: none)
     * @param xLabel below the x axis (null: none)
     * @param yLabel left of the y axis (null: none)
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Sets a logarithmic (base 10) y axis. */
    public LinePlot logY(boolean on) {
        logY = on;
        return this;
    }

    /** Adds a series; its colour is the next of the palette ({@link #color(int)}). */
    public LinePlot add(String name, double[] x, double[] y) {
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /** @return the colour of the i-th series added (a ten-colour palette, repeating) */
    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** @return the layout and data range {@link #render} uses for a picture of this size */
    public Frame frame(int width, int height) {
        double[] xr = range(true);
        double[] yr = range(false);
        List<Double> yTicks = yTicks(yr);
        int tickWidth = 0;
        for (double t : yTicks) {
            tickWidth = Math.max(tickWidth, Text.width(yTickLabel(t, yr)));
        }
        int line = Text.lineHeight();
        int left = PAD + (yLabel != null && line > 0 ? line + PAD : 0) + tickWidth + PAD + 4;
        int top = PAD + (title != null && line > 0 ? line + PAD : PAD);
        int bottom = height - (PAD + line + 4 + (xLabel != null && line > 0 ? line + PAD : 0));
        int legend = 0;
        for (Series s : series) {
            legend = Math.max(legend, Text.width(s.name()));
        }
        int right = width - (legend > 0 ? 2 * PAD + SWATCH + 4 + legend : 2 * PAD);
        if (right - left < 20 || bottom - top < 20) {
            throw new IllegalArgumentException("a " + width + "x" + height + " picture leaves no room to plot in");
        }
        return new Frame(left, top, right, bottom, xr[0], xr[1], yr[0], yr[1], logY);
    }

    /** Draws the plot on a white picture of the given size. */
    public BufferedImage render(int width, int height) {
        Frame f = frame(width, height);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            drawAxes(g, f, width, height);
            g.setClip(f.left(), f.top(), f.right() - f.left() + 1, f.bottom() - f.top() + 1);
            for (int i = 0; i < series.size(); i++) {
                drawSeries(g, f, series.get(i), color(i));
            }
            g.setClip(null);
            drawLegend(g, f);
        } finally {
            g.dispose();
        }
        return out;
    }

    private void drawAxes(Graphics2D g, Frame f, int width, int height) {
        int line = Text.lineHeight();
        double[] yr = {f.yMin(), f.yMax()};
        g.setStroke(new BasicStroke(1f));
        for (double t : xTicks(new double[] {f.xMin(), f.xMax()})) {
            int x = (int) Math.round(f.px(t));
            g.setColor(GRID);
            g.drawLine(x, f.top(), x, f.bottom());
            g.setColor(Color.BLACK);
            g.drawLine(x, f.bottom(), x, f.bottom() + 4);
            Text.drawCentred(g, linearTickLabel(t, xStep(new double[] {f.xMin(), f.xMax()})), x, f.bottom() + 4,
                    Color.BLACK);
        }
        for (double t : yTicks(yr)) {
            int y = (int) Math.round(f.bottom() - (t - f.yMin()) / (f.yMax() - f.yMin()) * (f.bottom() - f.top()));
            g.setColor(GRID);
            g.drawLine(f.left(), y, f.right(), y);
            g.setColor(Color.BLACK);
            g.drawLine(f.left() - 4, y, f.left(), y);
            String label = yTickLabel(t, yr);
            Text.draw(g, label, f.left() - 6 - Text.width(label), y - line / 2, Color.BLACK);
        }
        g.setColor(Color.BLACK);
        g.drawRect(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());
        if (title != null) {
            Text.drawCentred(g, title, (f.left() + f.right()) / 2, PAD, Color.BLACK);
        }
        if (xLabel != null) {
            Text.drawCentred(g, xLabel, (f.left() + f.right()) / 2, height - PAD - line, Color.BLACK);
        }
        if (yLabel != null && line > 0) {
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            // rotated: x' = -y, y' = x
            Text.drawCentred(g, yLabel, -(f.top() + f.bottom()) / 2, PAD, Color.BLACK);
            g.setTransform(saved);
        }
    }

    private void drawSeries(Graphics2D g, Frame f, Series s, Color c) {
        g.setColor(c);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D.Double path = new Path2D.Double();
        boolean open = false;
        for (int i = 0; i < s.x().length; i++) {
            if (!usable(s.x()[i], s.y()[i])) {
                open = false;
                continue;
            }
            double px = f.px(s.x()[i]);
            double py = f.py(s.y()[i]);
            if (open) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                open = true;
            }
        }
        g.draw(path);
        for (int i = 0; i < s.x().length; i++) {
            if (usable(s.x()[i], s.y()[i])) {
                g.fill(new Ellipse2D.Double(f.px(s.x()[i]) - DOT / 2, f.py(s.y()[i]) - DOT / 2, DOT, DOT));
            }
        }
    }

    private void drawLegend(Graphics2D g, Frame f) {
        int line = Text.lineHeight();
        if (line == 0) {
            return;
        }
        int x = f.right() + PAD;
        int y = f.top();
        for (int i = 0; i < series.size(); i++) {
            g.setColor(color(i));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(x, y + line / 2, x + SWATCH, y + line / 2);
            Text.draw(g, series.get(i).name(), x + SWATCH + 4, y, Color.BLACK);
            y += line + 2;
        }
    }

    private boolean usable(double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0);
    }

    /** The x range ({@code forX}) or y range (log10 on a log axis) of the usable points, padded. */
    private double[] range(boolean forX) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (usable(s.x()[i], s.y()[i])) {
                    double v = forX ? s.x()[i] : logY ? Math.log10(s.y()[i]) : s.y()[i];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (lo == hi) {
            double d;
            if (forX) {
                d = 1;
            } else if (logY) {
                d = 0.5;
            } else {
                d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            }
            return new double[] {lo - d, hi + d};
        }
        // a little room on each side so that the end points' dots are not cut by the frame
        double pad = (forX ? 0.02 : 0.05) * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    private boolean integerX() {
        for (Series s : series) {
            for (double x : s.x()) {
                if (Double.isFinite(x) && x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    private double xStep(double[] r) {
        double step = niceStep((r[1] - r[0]) / 6);
        return integerX() ? Math.max(1, step) : step;
    }

    private List<Double> xTicks(double[] r) {
        return ticks(r, xStep(r));
    }

    /** Tick positions on the y axis, in axis units (log10 of values on a log axis). */
    private List<Double> yTicks(double[] r) {
        if (!logY) {
            return ticks(r, niceStep((r[1] - r[0]) / 5));
        }
        List<Double> t = new ArrayList<>();
        for (double e = Math.ceil(r[0]); e <= r[1]; e++) {
            t.add(e);
        }
        if (t.size() < 2) {
            t.clear();
            for (double e = Math.floor(r[0]); e <= r[1]; e++) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = e + Math.log10(m);
                    if (v >= r[0] && v <= r[1]) {
                        t.add(v);
                    }
                }
            }
        }
        if (t.size() < 2) {
            t.clear();
            double lo = Math.pow(10, r[0]);
            double hi = Math.pow(10, r[1]);
            for (double v : ticks(new double[] {lo, hi}, niceStep((hi - lo) / 4))) {
                if (v > 0) {
                    t.add(Math.log10(v));
                }
            }
        }
        return t;
    }

    private String yTickLabel(double t, double[] r) {
        return logY ? compact(Math.pow(10, t)) : linearTickLabel(t, niceStep((r[1] - r[0]) / 5));
    }

    private static List<Double> ticks(double[] r, double step) {
        List<Double> t = new ArrayList<>();
        double first = Math.ceil(r[0] / step - 1e-9) * step;
        for (int k = 0; ; k++) {
            double v = first + k * step;
            if (v > r[1] + step * 1e-9 || k > 100) {
                break;
            }
            t.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return t;
    }

    /** 1, 2 or 5 times a power of ten, the smallest not below {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-9)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** A tick value with as many decimals as the step needs ({@code 0.25} with step 0.05: "0.25"). */
    static String linearTickLabel(double v, double step) {
        if (Math.abs(v) >= 1e6 || step < 1e-6) {
            return compact(v);
        }
        int decimals = (int) Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Three significant digits, plain between 1e-4 and 1e6, else {@code 1.5e-05} style. */
    static String compact(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        return mantissa + s.substring(e);
    }
}
