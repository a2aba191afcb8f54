package cn.sanling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.apache.ibatis.builder.xml.XMLMapperEntityResolver;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The shortcut answers exactly what the JDK's XPath answers: on every MyBatis file the application reads (ours and
 * Flowable's), from the document and the elements of its top two levels, for the paths MyBatis asks and for others
 * like them.
 */
class ChildPathXPathFactoryTest {

    /** What MyBatis's XMLConfigBuilder, XMLMapperBuilder and XMLStatementBuilder ask for. */
    private static final List<String> MYBATIS_PATHS = List.of("/configuration", "/mapper", "properties", "settings",
            "typeAliases", "plugins", "objectFactory", "objectWrapperFactory", "reflectorFactory", "environments",
            "databaseIdProvider", "typeHandlers", "mappers", "cache-ref", "cache", "/mapper/parameterMap",
            "/mapper/resultMap", "/mapper/sql", "select|insert|update|delete", "selectKey");

    /** Shapes the shortcut also answers, including ones MyBatis does not ask. */
    private static final List<String> OTHER_CHILD_PATHS = List.of("resultMap/id", "resultMap/result",
            "/mapper/select/include", "/mapper/update/set/if", "where/if", "if|where|foreach|choose", "if|if",
            "result", "nothing", "/nothing/here", "collection/result", "sql", "trim");

    /** Left to the JDK: other axes, predicates, wildcards, whitespace, the root itself (all select nodes). */
    private static final List<String> OTHER_NODE_EXPRESSIONS = List.of("//select", "@id", "select[@id]",
            "select[1]", "*", ".", "..", "text()", "select | insert", "/", "/mapper//if", "./select",
            "child::select", "sélect", "select/");

    /** Also left to the JDK: functions, prefixes, variables, names no XPath has. */
    private static final List<String> OTHER_EXPRESSIONS = List.of("count(select)", "x:select", "$v", "1select",
            "", "|select", "select||insert");

    private final XPath jdk = XPathFactory.newDefaultInstance().newXPath();
    private final XPath ours = new ChildPathXPathFactory().newXPath();

    @Test
    void jaxp_hands_the_application_this_factory() {
        assertThat(XPathFactory.newInstance()).isInstanceOf(ChildPathXPathFactory.class);
    }

    @Test
    void every_mybatis_file_of_the_application_answers_as_the_jdk_does() throws Exception {
        List<Resource> files = mybatisFiles();
        assertThat(files).hasSizeGreaterThan(40);
        int compared = 0;
        for (Resource file : files) {
            Document document = parseAsMyBatis(file);
            List<Node> contexts = new ArrayList<>();
            contexts.add(document);
            collectElements(document.getDocumentElement(), 2, contexts);
            for (int i = 0; i < contexts.size(); i++) {
                Node context = contexts.get(i);
                for (String path : MYBATIS_PATHS) {
                    assertThat(ChildPathXPathFactory.ChildPath.select(path, context))
                            .as("%s answered by the shortcut in %s", path, file).isNotNull();
                }
                // The JDK needs ~0.2 ms an answer: every document and root, a fifth of the statements (all in ours).
                if (i < 2 || i % 5 == 0 || file.getDescription().contains("/mapper/")) {
                    for (String path : MYBATIS_PATHS) {
                        compared += compare(path, context, file, i % 9 == 0);
                    }
                    for (String path : OTHER_CHILD_PATHS) {
                        compared += compare(path, context, file, i % 9 == 0);
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
    }

    @Test
    void every_other_expression_goes_to_the_jdk() throws Exception {
        Document document = parseAsMyBatis(new PathMatchingResourcePatternResolver()
                .getResource("classpath:mapper/dispute/DisputeMapper.xml"));
        Element mapper = document.getDocumentElement();
        for (String expression : OTHER_NODE_EXPRESSIONS) {
            assertThat(ChildPathXPathFactory.ChildPath.select(expression, mapper)).as(expression).isNull();
            if (!expression.endsWith("/")) {
                compare(expression, mapper, null);
                compare(expression, document, null);
            }
        }
        for (String expression : OTHER_EXPRESSIONS) {
            assertThat(ChildPathXPathFactory.ChildPath.select(expression, mapper)).as(expression).isNull();
        }
        assertThat(ours.evaluate("count(select)", mapper, XPathConstants.NUMBER))
                .isEqualTo(jdk.evaluate("count(select)", mapper, XPathConstants.NUMBER))
                .isNotEqualTo(0.0);
        assertThat(ours.evaluate("select/@id", mapper)).isEqualTo(jdk.evaluate("select/@id", mapper)).isNotEmpty();
        assertThat(ours.evaluate("select", mapper, XPathConstants.STRING))
                .isEqualTo(jdk.evaluate("select", mapper, XPathConstants.STRING));
    }

    @Test
    void trees_where_names_could_differ_go_to_the_jdk() throws Exception {
        String defaultNamespace = "<mapper xmlns='urn:a'><select/><insert/></mapper>";
        String prefixed = "<mapper xmlns:x='urn:x'><x:select/><select/></mapper>";
        String entities = "<!DOCTYPE mapper [<!ENTITY two '<select/><insert/>'>]><mapper>&two;<select/></mapper>";
        for (boolean namespaceAware : new boolean[] {true, false}) {
            for (String xml : List.of(defaultNamespace, prefixed, entities)) {
                for (boolean expandEntities : new boolean[] {true, false}) {
                    Document document = parse(xml, namespaceAware, expandEntities);
                    // only elements without a namespace or prefix, and no entity reference nodes
                    boolean plain = xml.equals(defaultNamespace) ? !namespaceAware
                            : xml.equals(entities) && expandEntities;
                    assertThat(ChildPathXPathFactory.ChildPath.select("select|insert", document.getDocumentElement()))
                            .as(xml).matches(found -> plain == (found != null));
                    for (String path : List.of("select", "select|insert", "/mapper/select", "insert")) {
                        compare(path, document, null);
                        compare(path, document.getDocumentElement(), null);
                    }
                }
            }
        }
    }

    @Test
    void mybatis_builds_the_same_statements_from_our_mappers_with_either_xpath() throws Exception {
        // getMappedStatementNames() builds every pending statement first and fails on one it cannot resolve
        Configuration viaShortcut = readOurMappers();
        String jdkFactory = "javax.xml.xpath.XPathFactory:" + XPathFactory.DEFAULT_OBJECT_MODEL_URI;
        Configuration viaJdk;
        System.setProperty(jdkFactory, "com.sun.org.apache.xpath.internal.jaxp.XPathFactoryImpl");
        try {
            assertThat(XPathFactory.newInstance()).isNotInstanceOf(ChildPathXPathFactory.class);
            viaJdk = readOurMappers();
        } finally {
            System.clearProperty(jdkFactory);
        }
        assertThat(viaShortcut.getMappedStatementNames()).hasSizeGreaterThan(100)
                .containsExactlyInAnyOrderElementsOf(viaJdk.getMappedStatementNames());
        assertThat(viaShortcut.getResultMapNames()).containsExactlyInAnyOrderElementsOf(viaJdk.getResultMapNames());
        for (String id : viaJdk.getMappedStatementNames().stream().filter(name -> name.contains(".")).toList()) {
            MappedStatement expected = viaJdk.getMappedStatement(id);
            MappedStatement actual = viaShortcut.getMappedStatement(id);
            assertThat(actual.getSqlCommandType()).as(id).isEqualTo(expected.getSqlCommandType());
            assertThat(actual.getKeyGenerator().getClass()).as(id).isEqualTo(expected.getKeyGenerator().getClass());
            assertThat(actual.getSqlSource().getClass()).as(id).isEqualTo(expected.getSqlSource().getClass());
            assertThat(actual.getResultMaps()).as(id).hasSameSizeAs(expected.getResultMaps());
        }
    }

    private static Configuration readOurMappers() throws Exception {
        Configuration configuration = new Configuration();
        configuration.setMapUnderscoreToCamelCase(true);
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:mapper/**/*.xml")) {
            try (InputStream in = file.getInputStream()) {
                new XMLMapperBuilder(in, configuration, file.toString(), configuration.getSqlFragments()).parse();
            }
        }
        return configuration;
    }

    private int compare(String expression, Node context, Resource file) throws Exception {
        return compare(expression, context, file, true);
    }

    /** Compares the node-set answer, and the single-node answer too if asked. */
    private int compare(String expression, Node context, Resource file, boolean single) throws Exception {
        for (QName type : single ? List.of(XPathConstants.NODESET, XPathConstants.NODE)
                : List.of(XPathConstants.NODESET)) {
            Object expected = jdk.evaluate(expression, context, type);
            Object actual = ours.evaluate(expression, context, type);
            assertThat(nodes(actual)).as("%s (%s) from <%s> in %s", expression, type.getLocalPart(),
                    context.getNodeName(), file).containsExactlyElementsOf(nodes(expected));
        }
        return 1;
    }

    private static List<Node> nodes(Object result) {
        List<Node> list = new ArrayList<>();
        if (result instanceof NodeList nodeList) {
            for (int i = 0; i < nodeList.getLength(); i++) {
                list.add(nodeList.item(i));
            }
        } else if (result instanceof Node node) {
            list.add(node);
        }
        return list;
    }

    private static List<Resource> mybatisFiles() throws Exception {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> files = new ArrayList<>(List.of(resolver.getResources("classpath*:mapper/**/*.xml")));
        for (Resource resource : resolver.getResources("classpath*:org/flowable/**/db/mapping/**/*.xml")) {
            files.add(resource);
        }
        return files;
    }

    /** The element and its descendants down to {@code depth} levels (MyBatis asks from the top two). */
    private static void collectElements(Element element, int depth, List<Node> into) {
        into.add(element);
        for (Node child = element.getFirstChild(); child != null && depth > 1; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                collectElements(childElement, depth - 1, into);
            }
        }
    }

    /** As MyBatis's XPathParser parses: not namespace-aware, entities expanded, its own DTDs. */
    private static Document parseAsMyBatis(Resource file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setIgnoringComments(true);
        factory.setExpandEntityReferences(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setEntityResolver(new XMLMapperEntityResolver());
        try (InputStream in = file.getInputStream()) {
            return builder.parse(in);
        }
    }

    private static Document parse(String xml, boolean namespaceAware, boolean expandEntities) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(namespaceAware);
        factory.setExpandEntityReferences(expandEntities);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
