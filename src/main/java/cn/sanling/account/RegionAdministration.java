package cn.sanling.account;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.sanling.audit.AuditEvent;
import cn.sanling.audit.AuditLog;
import cn.sanling.region.Grid;
import cn.sanling.region.Region;
import cn.sanling.region.RegionLevel;
import cn.sanling.region.RegionService;
import cn.sanling.support.ProblemException;
import cn.sanling.support.ProblemException.FieldError;

/**
 * The ADMIN's import of regions (SPEC §2): the statistical division codes (统计用区划代码) as the National Bureau of
 * Statistics publishes them, one row per region ({@code code,name,level,parent_code}, the layout of
 * ../shared/data/regions-henan.csv), so that a county outside the 三门峡市 the application ships with is set up without
 * SQL. Rows of level GRID add a village's grids (its code and three digits) in the same file.
 * <p>
 * A new code is added; a known code with another name is renamed (a newer edition of the codes); a known code with its
 * name is left as it is. Nothing is removed: cases, visits and users keep their places. A code's parent is its prefix
 * (the scope rule of SPEC §2 depends on it) and must be in the file or already known. The whole file is checked
 * before anything is written, then written in one transaction, or refused with the lines at fault. The file may be
 * UTF-8 (with or without a byte order mark) or GB18030, as Excel saves a CSV on a Chinese Windows.
 */
@Service
public class RegionAdministration {

    /** The largest file taken: the whole province (55,164 rows) is 2.9 MB. */
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    static final int MAX_ROWS = 100_000;
    /** The refusal lists this many faults at most, and says how many more there are. */
    static final int MAX_ERRORS = 50;
    static final List<String> HEADER = List.of("code", "name", "level", "parent_code");
    private static final int MAX_NAME = 100;

    private final RegionService regions;
    private final AuditLog audit;

    RegionAdministration(RegionService regions, AuditLog audit) {
        this.regions = regions;
        this.audit = audit;
    }

    /** What an import did: rows read, regions and grids added and renamed, rows that were already as given. */
    public record ImportResult(int rows, int added, int renamed, int unchanged, int gridsAdded, int gridsRenamed)
            implements java.io.Serializable {
    }

    private record Row(int line, String code, String name, RegionLevel level, String parentCode) {
        String field(String column) {
            return "line[" + (line - 1) + "]." + column;
        }
    }

    @Transactional
    public ImportResult importCsv(Actor admin, byte[] file) {
        admin.requireAdmin("import regions");
        if (file == null || file.length == 0) {
            throw ProblemException.badRequest("file", "required");
        }
        if (file.length > MAX_BYTES) {
            throw ProblemException.badRequest("file", "at most " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        Faults faults = new Faults();
        List<Row> rows = parse(text(file), faults);
        if (rows.isEmpty()) {
            faults.throwIfAny();
        }
        Map<String, Region> known = regions.findAll(rows.stream()
                .flatMap(r -> r.parentCode() == null ? Stream.of(r.code()) : Stream.of(r.code(), r.parentCode()))
                .toList());
        Set<String> inFile = new HashSet<>();
        rows.forEach(r -> inFile.add(r.code()));

        List<Region> newRegions = new ArrayList<>();
        List<Grid> newGrids = new ArrayList<>();
        List<Row> renamed = new ArrayList<>();
        int unchanged = 0;
        for (Row r : rows) {
            if (r.parentCode() != null && !inFile.contains(r.parentCode()) && !known.containsKey(r.parentCode())) {
                faults.add(r.field("parent_code"), "parent " + r.parentCode() + " is neither in the file nor known");
            }
            Region before = known.get(r.code());
            if (before != null && before.name().equals(r.name())) {
                unchanged++;
                continue;
            }
            if (!admin.scope().covers(r.code())) {
                faults.add(r.field("code"), "outside your area");
            } else if (before != null) {
                renamed.add(r);
            } else if (r.level() == RegionLevel.GRID) {
                newGrids.add(new Grid(r.code(), r.parentCode(), r.name()));
            } else {
                newRegions.add(new Region(r.code(), r.name(), r.level(), r.parentCode()));
            }
        }
        faults.throwIfAny();

        newRegions.sort(Comparator.comparingInt((Region r) -> r.code().length()).thenComparing(Region::code));
        try {
            regions.addRegions(newRegions);
            regions.addGrids(newGrids);
        } catch (DuplicateKeyException meanwhile) {
            throw ProblemException.conflict("Some of these codes were added meanwhile; send the file again");
        }
        int gridsRenamed = 0;
        for (Row r : renamed) {
            String from = known.get(r.code()).name();
            if (r.level() == RegionLevel.GRID) {
                regions.renameGrid(r.code(), r.name());
                gridsRenamed++;
            } else {
                regions.renameRegion(r.code(), r.name());
            }
            audit.record(AuditEvent.of(admin.username(), admin.roleName(),
                    r.level() == RegionLevel.GRID ? "GRID_UPDATE" : "REGION_RENAME")
                    .target(r.level() == RegionLevel.GRID ? "GRID" : "REGION", r.code()).region(r.code())
                    .detail(from + " → " + r.name()));
        }
        ImportResult result = new ImportResult(rows.size(), newRegions.size(), renamed.size() - gridsRenamed,
                unchanged, newGrids.size(), gridsRenamed);
        String root = commonAncestor(rows);
        audit.record(AuditEvent.of(admin.username(), admin.roleName(), "REGION_IMPORT").target("REGION", root)
                .region(root).detail(String.format(Locale.ROOT,
                        "rows %d: regions added %d, renamed %d; grids added %d, renamed %d; unchanged %d",
                        result.rows(), result.added(), result.renamed(), result.gridsAdded(), result.gridsRenamed(),
                        result.unchanged())));
        return result;
    }

    /** The rows of the file, each checked on its own (codes, levels, parents as prefixes, names, repeats). */
    private static List<Row> parse(String text, Faults faults) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).get();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        LineNumbers lineOf = new LineNumbers(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            boolean header = true;
            int read = 0;
            for (CSVRecord record : parser) {
                if (header) {
                    header = false;
                    if (!record.toList().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().equals(HEADER)) {
                        faults.add("file", "the first line must be " + String.join(",", HEADER));
                        return rows;
                    }
                    continue;
                }
                if (++read > MAX_ROWS) {
                    faults.add("file", "at most " + MAX_ROWS + " rows");
                    return rows;
                }
                if (record.stream().allMatch(String::isEmpty)) {
                    continue; // ",,," : a row Excel leaves below the data, as blank as an empty line
                }
                int line = lineOf.at(record.getCharacterPosition());
                Row row = row(record, line, faults);
                if (row == null) {
                    continue;
                }
                Integer first = lines.putIfAbsent(row.code(), line);
                if (first != null) {
                    faults.add(row.field("code"), "also on line " + first);
                    continue;
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException malformed) {
            // Commons CSV reports an unclosed quote, or text after a closing one, as an IOException
            faults.add("file", "not a CSV file: a quote is not closed, or text follows a closing quote");
        }
        if (rows.isEmpty() && !faults.any()) {
            faults.add("file", "no rows");
        }
        return rows;
    }

    private static Row row(CSVRecord record, int line, Faults faults) {
        String prefix = "line[" + (line - 1) + "].";
        if (record.size() != HEADER.size()) {
            faults.add("line[" + (line - 1) + "]", "4 columns: " + String.join(",", HEADER));
            return null;
        }
        int before = faults.count();
        String code = record.get(0);
        String name = record.get(1);
        String levelName = record.get(2).toUpperCase(Locale.ROOT);
        String parent = record.get(3).isEmpty() ? null : record.get(3);
        RegionLevel byCode = RegionLevel.ofCode(code);
        if (code.isEmpty()) {
            faults.add(prefix + "code", "required");
        } else if (code.matches("\\d(\\.\\d+)?[Ee]\\+\\d+")) {
            faults.add(prefix + "code", "a number in Excel's notation: format the column as text and save again");
        } else if (byCode == null) {
            faults.add(prefix + "code", "2, 4, 6, 9, 12 or 15 digits");
        }
        RegionLevel level = null;
        try {
            level = RegionLevel.valueOf(levelName);
        } catch (IllegalArgumentException e) {
            faults.add(prefix + "level", levelName.isEmpty() ? "required"
                    : "must be one of " + Arrays.toString(RegionLevel.values()));
        }
        if (byCode != null && level != null && byCode != level) {
            faults.add(prefix + "level", "a code of " + code.length() + " digits is a " + byCode);
        }
        if (name.isEmpty()) {
            faults.add(prefix + "name", "required");
        } else if (name.codePointCount(0, name.length()) > MAX_NAME) {
            faults.add(prefix + "name", "at most " + MAX_NAME + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            faults.add(prefix + "name", "contains control characters");
        }
        if (byCode != null) {
            String expected = byCode == RegionLevel.PROVINCE ? null : parentLevel(byCode).prefixOf(code);
            if (expected == null && parent != null) {
                faults.add(prefix + "parent_code", "must be empty for a PROVINCE");
            } else if (expected != null && !expected.equals(parent)) {
                faults.add(prefix + "parent_code", "must be the code's first " + expected.length() + " digits ("
                        + expected + ")");
            } else if (byCode == RegionLevel.GRID && code.endsWith("000")) {
                faults.add(prefix + "code", "the village's code and three digits (001-999)");
            }
        }
        return faults.count() == before ? new Row(line, code, name, level, parent) : null;
    }

    private static RegionLevel parentLevel(RegionLevel level) {
        return RegionLevel.values()[level.ordinal() - 1];
    }

    /** The deepest region all rows are in (their longest common prefix that is a region code), or "" if none. */
    private static String commonAncestor(List<Row> rows) {
        String common = rows.get(0).code();
        for (Row r : rows) {
            int n = 0;
            while (n < common.length() && n < r.code().length() && common.charAt(n) == r.code().charAt(n)) {
                n++;
            }
            common = common.substring(0, n);
        }
        for (RegionLevel level : List.of(RegionLevel.VILLAGE, RegionLevel.TOWNSHIP, RegionLevel.COUNTY,
                RegionLevel.CITY, RegionLevel.PROVINCE)) {
            if (common.length() >= level.digits()) {
                return common.substring(0, level.digits());
            }
        }
        return "";
    }

    /** The file as text: UTF-8 (a byte order mark dropped), else GB18030 (Excel's CSV on a Chinese Windows). */
    private static String text(byte[] file) {
        String text = decode(file, StandardCharsets.UTF_8);
        if (text == null) {
            text = decode(file, Charset.forName("GB18030"));
        }
        if (text == null) {
            throw ProblemException.badRequest("file", "not text in UTF-8 or GB18030");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The line (1-based) of a character of the text, as an editor or Excel numbers it, empty lines included. */
    private static final class LineNumbers {
        private final String text;
        private final int[] starts;

        LineNumbers(String text) {
            this.text = text;
            List<Integer> at = new ArrayList<>();
            at.add(0);
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                at.add(i + 1);
            }
            starts = at.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Commons CSV gives a record's position before the empty lines it skipped: they are skipped here too. */
        int at(long position) {
            int p = (int) position;
            while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
                p++;
            }
            int i = Arrays.binarySearch(starts, p);
            return i >= 0 ? i + 1 : -i - 1;
        }
    }

    /** The faults of a file, the first {@value #MAX_ERRORS} of them kept, the rest counted. */
    private static final class Faults {
        private final List<FieldError> errors = new ArrayList<>();
        private int count;

        void add(String field, String message) {
            count++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(new FieldError(field, message));
            }
        }

        int count() {
            return count;
        }

        boolean any() {
            return count > 0;
        }

        void throwIfAny() {
            if (count == 0) {
                return;
            }
            List<FieldError> listed = new ArrayList<>(errors);
            if (count > errors.size()) {
                listed.add(new FieldError("file", (count - errors.size()) + " more faults not listed"));
            }
            throw ProblemException.badRequest(listed);
        }
    }
}
