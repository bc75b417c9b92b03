package org.istn.io.png;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Rows × columns of equally sized tiles separated by thin grey lines, with an optional title,
 * column headers above the tiles and row labels (one or more lines) on the left. The picture is
 * RGB on a white background; a tile left unset shows the separator grey.
 *
 * <p>Layout, in pixels: {@code left} = row-label width (0 without row labels), {@code top} =
 * title and header heights; tile (r, c) has its top-left corner at
 * {@link #tileX(int) left + sep + c·(tileWidth + sep)}, {@link #tileY(int) top + sep + r·(tileHeight + sep)};
 * the picture is {@code left + sep + cols·(tileWidth + sep)} wide and
 * {@code top + sep + rows·(tileHeight + sep)} high.
 */
public final class ImageGrid {

    /** The colour around and between the tiles. */
    public static final Color SEPARATOR = new Color(128, 128, 128);
    private static final int PAD = 4;

    static {
        Headless.ensure();
    }

    private final int rows;
    private final int cols;
    private final int tileWidth;
    private final int tileHeight;
    private final BufferedImage[][] tiles;
    private final String[] rowLabels;
    private final String[] columnLabels;
    private int separator = 2;
    private String title;

    /**
     * @param rows at least 1
     * @param cols at least 1
     * @param tileWidth width of every tile in pixels
     * @param tileHeight height of every tile in pixels
     */
    public ImageGrid(int rows, int cols, int tileWidth, int tileHeight) {
        if (rows < 1 || cols < 1 || tileWidth < 1 || tileHeight < 1) {
            throw new IllegalArgumentException("image grid needs at least 1 row, 1 column and 1x1 tiles, found "
                    + rows + " x " + cols + " tiles of " + tileWidth + "x" + tileHeight);
        }
        this.rows = rows;
        this.cols = cols;
        this.tileWidth = tileWidth;
        this.tileHeight = tileHeight;
        this.tiles = new BufferedImage[rows][cols];
        this.rowLabels = new String[rows];
        this.columnLabels = new String[cols];
    }

    /** Sets the separator width: 1 or 2 pixels (default 2). */
    public ImageGrid separator(int px) {
        if (px < 1 || px > 2) {
            throw new IllegalArgumentException("separator must be 1 or 2 pixels, found " + px);
        }
        separator = px;
        return this;
    }

    /** Sets a title line above the headers. */
    public ImageGrid title(String text) {
        title = text;
        return this;
    }

    /** Sets the column headers, one per column. */
    public ImageGrid columnLabels(String... labels) {
        if (labels.length != cols) {
            throw new IllegalArgumentException("image grid has " + cols + " columns, found " + labels.length
                    + " column labels " + Arrays.toString(labels));
        }
        System.arraycopy(labels, 0, columnLabels, 0, cols);
        return this;
    }

    /** Sets the label of a row; {@code \n} separates lines. */
    public ImageGrid rowLabel(int row, String label) {
        checkIndex(row, 0);
        rowLabels[row] = label;
        return this;
    }

    /** Puts a tile, which must be {@code tileWidth × tileHeight}. */
    public ImageGrid set(int row, int col, BufferedImage tile) {
        checkIndex(row, col);
        if (tile.getWidth() != tileWidth || tile.getHeight() != tileHeight) {
            throw new IllegalArgumentException("tile (" + row + ", " + col + ") is " + tile.getWidth() + "x"
                    + tile.getHeight() + "; this grid's tiles are " + tileWidth + "x" + tileHeight);
        }
        tiles[row][col] = tile;
        return this;
    }

    /** @return the x of column {@code col}'s tiles' left edge */
    public int tileX(int col) {
        return left() + separator + col * (tileWidth + separator);
    }

    /** @return the y of row {@code row}'s tiles' top edge */
    public int tileY(int row) {
        return top() + separator + row * (tileHeight + separator);
    }

    /** @return the picture's width */
    public int width() {
        return left() + separator + cols * (tileWidth + separator);
    }

    /** @return the picture's height */
    public int height() {
        return top() + separator + rows * (tileHeight + separator);
    }

    /** Draws the grid. */
    public BufferedImage render() {
        BufferedImage out = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.setColor(SEPARATOR);
            g.fillRect(left(), top(), out.getWidth() - left(), out.getHeight() - top());
            int y = 0;
            if (titleHeight() > 0) {
                Text.draw(g, title, PAD, PAD / 2, Color.BLACK);
                y += titleHeight();
            }
            if (headerHeight() > 0) {
                for (int c = 0; c < cols; c++) {
                    g.setClip(tileX(c) - separator, y, tileWidth + 2 * separator, headerHeight());
                    Text.drawCentred(g, columnLabels[c], tileX(c) + tileWidth / 2, y + PAD / 2, Color.BLACK);
                }
                g.setClip(null);
            }
            for (int r = 0; r < rows; r++) {
                drawRowLabel(g, r);
                for (int c = 0; c < cols; c++) {
                    if (tiles[r][c] != null) {
                        g.drawImage(tiles[r][c], tileX(c), tileY(r), null);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private void drawRowLabel(Graphics2D g, int r) {
        if (rowLabels[r] == null || left() == 0) {
            return;
        }
        String[] lines = rowLabels[r].split("\n");
        int h = lines.length * Text.lineHeight();
        int y = tileY(r) + (tileHeight - h) / 2;
        for (String line : lines) {
            Text.draw(g, line, PAD, y, Color.BLACK);
            y += Text.lineHeight();
        }
    }

    private int left() {
        int w = 0;
        for (String label : rowLabels) {
            if (label != null) {
                for (String line : label.split("\n")) {
                    w = Math.max(w, Text.width(line));
                }
            }
        }
        return w == 0 ? 0 : w + 2 * PAD;
    }

    private int top() {
        return titleHeight() + headerHeight();
    }

    private int titleHeight() {
        return title == null || Text.lineHeight() == 0 ? 0 : Text.lineHeight() + PAD;
    }

    private int headerHeight() {
        boolean any = Arrays.stream(columnLabels).anyMatch(s -> s != null && !s.isEmpty());
        return !any || Text.lineHeight() == 0 ? 0 : Text.lineHeight() + PAD;
    }

    private void checkIndex(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("tile (" + row + ", " + col + ") is outside this " + rows + " x "
                    + cols + " grid");
        }
    }
}
