package cn.sanling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * All SQL is parameterised (SPEC §6): mapper XML uses {@code #{}}; text substitution {@code ${}} appears only where
 * the value is fixed in the mapper itself, never from user input.
 */
class MapperSqlTest {

    /**
     * The only {@code ${...}} substitutions allowed, as {@code file:substitution}, each with the reason its value can
     * never come from a request. Adding one needs a reason of the same kind.
     */
    static final Set<String> ALLOWED = Set.of(
            // the column name is fixed by the mapper that includes the scope fragment
            "ScopeSql.xml:${column}",
            "ScopeSql.xml:${county}",
            // the name of the parameter that holds the code (scope.prefix, region, f.regionCode): fixed by the
            // including mapper; the code itself is bound with #{}
            "ScopeSql.xml:${prefix}",
            // ORDER BY column from the CaseFilter.Sort enum (a whitelist), never the request's text
            "DisputeMapper.xml:${f.sortColumn}");

    @Test
    void mapper_xml_never_substitutes_text_outside_the_whitelist() throws IOException {
        List<String> found = new ArrayList<>();
        Pattern substitution = Pattern.compile("\\$\\{[^}]*}");
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/mapper"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Matcher m = substitution.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(file.getFileName() + ":" + m.group());
                }
            }
        }

        assertThat(found).isSubsetOf(ALLOWED);
    }
}
