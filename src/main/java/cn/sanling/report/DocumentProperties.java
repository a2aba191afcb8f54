package cn.sanling.report;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Case documents (PDF). {@code fonts}: CJK fonts tried in order, each a path with an optional TrueType-collection
 * index ({@code path,2}); the first readable one is embedded (as a subset) in every PDF.
 */
@ConfigurationProperties("sanling.documents")
public record DocumentProperties(List<String> fonts, String committee) {

    public DocumentProperties {
        fonts = fonts == null || fonts.isEmpty() ? List.of(
                "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc,2",
                "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2") : List.copyOf(fonts);
        committee = committee == null || committee.isBlank() ? "人民调解委员会" : committee;
    }
}
