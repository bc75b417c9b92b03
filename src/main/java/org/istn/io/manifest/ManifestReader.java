package org.istn.io.manifest;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads a TSV or CSV manifest from any Hadoop filesystem ({@code file:}, {@code hdfs:},
 * {@code s3a:}, or a plain local path).
 *
 * <p>The separator is a tab when the first line contains one, else a comma (CSV cells may be
 * quoted with {@code "}). The first line is a header naming the columns, except for the
 * reference tool's headerless manifests, recognised by a NIfTI path in the second cell of the
 * first line: their columns are {@link #REFERENCE_COLUMNS}. Relative image paths resolve
 * against the manifest's folder (a leading {@code ./} is dropped). Rows are kept in file order.
 *
 * <p>Problems with single rows (wrong number of cells, empty id or image, duplicate id) are
 * returned as {@link BadRow}s rather than thrown, so that the caller can skip them; problems with
 * the whole file (missing, empty, no id or image column) throw {@link BadInputException}.
 * Manifests are small (one line per subject), so they are read on the driver.
 */
public final class ManifestReader {

    /** Columns of the reference tool's headerless manifests, in order. */
    public static final List<String> REFERENCE_COLUMNS =
            List.of("id", "image", "mask", "age", "sex", "scanner");

    private final String idColumn;
    private final String imageColumn;

    /**
     * @param idColumn the column holding the subject id
     * @param imageColumn the column holding the image path
     */
    public ManifestReader(String idColumn, String imageColumn) {
        this.idColumn = idColumn;
        this.imageColumn = imageColumn;
    }

    /** The rows of a manifest and the rows that could not be parsed. */
    public record Result(Manifest manifest, List<BadRow> badRows) {
        public Result {
            badRows = List.copyOf(badRows);
        }
    }

    /** Reads {@code uri} with the filesystem {@code conf} selects for its scheme. */
    public Result read(String uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs;
        try {
            fs = path.getFileSystem(conf);
        } catch (IOException e) {
            throw new IOException(uri + ": cannot open the manifest's filesystem: " + e.getMessage(), e);
        }
        Path qualified = fs.makeQualified(path);
        List<String> lines = new ArrayList<>();
        try (FSDataInputStream in = fs.open(qualified);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lines.add(line);
            }
        } catch (FileNotFoundException e) {
            throw new BadInputException(uri + ": manifest not found");
        }
        return parse(uri, qualified.getParent().toString(), lines);
    }

    /**
     * Parses manifest text.
     *
     * @param uri the manifest's location, for messages
     * @param baseDir the folder relative image paths resolve against (a URI string)
     * @param lines the file's lines
     */
    public Result parse(String uri, String baseDir, List<String> lines) {
        int first = 0;
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines = new ArrayList<>(lines);
            lines.set(0, lines.get(0).substring(1));
        }
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new BadInputException(uri + ": manifest is empty (no header and no rows)");
        }
        String firstLine = lines.get(first);
        char sep = firstLine.indexOf('\t') >= 0 ? '\t' : ',';
        List<String> firstCells = split(firstLine, sep);
        boolean reference = firstCells.size() >= 2 && looksLikeNifti(firstCells.get(1));
        List<String> columns;
        int dataStart;
        if (reference) {
            if (firstCells.size() > REFERENCE_COLUMNS.size()) {
                throw new BadInputException(uri + " row " + (first + 1) + ": headerless manifest with "
                        + firstCells.size() + " cells; the reference layout has at most "
                        + REFERENCE_COLUMNS.size() + " (" + String.join(", ", REFERENCE_COLUMNS)
                        + "); add a header row to use other columns");
            }
            columns = REFERENCE_COLUMNS.subList(0, firstCells.size());
            dataStart = first;
        } else {
            columns = new ArrayList<>();
            for (String c : firstCells) {
                columns.add(c.trim());
            }
            dataStart = first + 1;
        }
        String idCol = reference ? "id" : idColumn;
        String imageCol = reference ? "image" : imageColumn;
        int idIdx = columns.indexOf(idCol);
        int imageIdx = columns.indexOf(imageCol);
        if (imageIdx < 0) {
            throw new BadInputException(uri + ": no image column '" + imageCol + "'; columns are "
                    + columns + " (set image_column to the column that holds the image paths)");
        }
        if (idIdx < 0) {
            throw new BadInputException(uri + ": no id column '" + idCol + "'; columns are " + columns
                    + " (set id_column to the column that holds the subject ids)");
        }
        List<ManifestRow> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = dataStart; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, sep);
            String id = cells.size() > idIdx ? cells.get(idIdx).trim() : "";
            String image = cells.size() > imageIdx ? cells.get(imageIdx).trim() : "";
            if (cells.size() != columns.size()) {
                bad.add(new BadRow(uri, lineNo, id, image, "expected " + columns.size() + " cells ("
                        + String.join(", ", columns) + "), found " + cells.size()));
                continue;
            }
            if (id.isEmpty()) {
                bad.add(new BadRow(uri, lineNo, id, image, "empty id in column '" + idCol + "'"));
                continue;
            }
            if (image.isEmpty()) {
                bad.add(new BadRow(uri, lineNo, id, image, "empty image path in column '" + imageCol + "'"));
                continue;
            }
            Integer previous = seen.putIfAbsent(id, lineNo);
            if (previous != null) {
                bad.add(new BadRow(uri, lineNo, id, image, "duplicate id '" + id + "' (first seen at row "
                        + previous + ")"));
                continue;
            }
            Map<String, String> byName = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                byName.put(columns.get(c), cells.get(c).trim());
            }
            rows.add(new ManifestRow(lineNo, id, resolve(baseDir, image), byName));
        }
        if (rows.isEmpty() && bad.isEmpty()) {
            throw new BadInputException(uri + ": manifest has a header but no rows");
        }
        return new Result(new Manifest(uri, columns, reference, rows), bad);
    }

    /** Resolves an image path against the manifest's folder unless it is absolute or has a scheme. */
    static String resolve(String baseDir, String image) {
        if (image.startsWith("/") || hasScheme(image)) {
            return image;
        }
        String rel = image;
        while (rel.startsWith("./")) {
            rel = rel.substring(2);
        }
        return new Path(new Path(baseDir), rel).toString();
    }

    private static boolean hasScheme(String s) {
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        return colon > 1 && (slash < 0 || colon < slash);
    }

    private static boolean looksLikeNifti(String cell) {
        String c = cell.trim().toLowerCase(Locale.ROOT);
        return c.endsWith(".nii") || c.endsWith(".nii.gz");
    }

    /** Splits one line; for commas, honours RFC 4180 quoting ("a,b" and "" inside quotes). */
    static List<String> split(String line, char sep) {
        List<String> out = new ArrayList<>();
        if (sep == '\t') {
            int start = 0;
            for (int i = 0; i <= line.length(); i++) {
                if (i == line.length() || line.charAt(i) == '\t') {
                    out.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            return out;
        }
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == sep) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
