package cn.sanling.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import javax.xml.xpath.XPathFactoryConfigurationException;
import javax.xml.xpath.XPathFunctionResolver;
import javax.xml.xpath.XPathVariableResolver;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The JDK's XPath, with child-element paths ({@code selectKey}, {@code /mapper/resultMap},
 * {@code select|insert|update|delete}) answered by walking the DOM.
 *
 * <p>Why: MyBatis reads every mapper file through {@code javax.xml.xpath}, with one evaluation per statement for its
 * {@code selectKey} children alone, and the JDK builds a fresh evaluation context for each one (stacks of several
 * thousand slots, allocated and cleared). Flowable's ~60 mapping files and ours made that 5-15% of the main thread's
 * start-up (JFR, bench/README.md "Fourteenth session"). MyBatis offers no hook for its parser; JAXP's service
 * lookup ({@code META-INF/services/javax.xml.xpath.XPathFactory}) is the one way in, so this factory serves every
 * {@code XPathFactory.newInstance()} of the application.
 *
 * <p>Only node results of paths made of plain element names are answered here, and only on DOM trees where the
 * answer cannot differ from XPath 1.0's: names without a prefix, elements without a namespace, no unexpanded entity
 * references (variable and function resolvers and namespace contexts cannot change what such a path selects).
 * Everything else (other expressions, other result types, other inputs, compiled expressions) goes to the JDK's
 * own implementation unchanged. ChildPathXPathFactoryTest compares both on the application's MyBatis files.
 */
public final class ChildPathXPathFactory extends XPathFactory {

    private final XPathFactory jdk = XPathFactory.newDefaultInstance();

    @Override
    public boolean isObjectModelSupported(String objectModel) {
        return jdk.isObjectModelSupported(objectModel);
    }

    @Override
    public void setFeature(String name, boolean value) throws XPathFactoryConfigurationException {
        jdk.setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) throws XPathFactoryConfigurationException {
        return jdk.getFeature(name);
    }

    @Override
    public void setXPathVariableResolver(XPathVariableResolver resolver) {
        jdk.setXPathVariableResolver(resolver);
    }

    @Override
    public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
        jdk.setXPathFunctionResolver(resolver);
    }

    @Override
    public XPath newXPath() {
        return new ChildPathXPath(jdk.newXPath());
    }

    /** The JDK's XPath with the child-path shortcut in front of {@link #evaluate(String, Object, QName)}. */
    static final class ChildPathXPath implements XPath {

        private final XPath jdk;

        ChildPathXPath(XPath jdk) {
            this.jdk = jdk;
        }

        @Override
        public Object evaluate(String expression, Object item, QName returnType) throws XPathExpressionException {
            if ((XPathConstants.NODESET.equals(returnType) || XPathConstants.NODE.equals(returnType))
                    && (item instanceof Element || item instanceof Document) && expression != null) {
                List<Node> found = ChildPath.select(expression, (Node) item);
                if (found != null) {
                    if (XPathConstants.NODE.equals(returnType)) {
                        return found.isEmpty() ? null : found.get(0);
                    }
                    return new Nodes(found);
                }
            }
            return jdk.evaluate(expression, item, returnType);
        }

        @Override
        public String evaluate(String expression, Object item) throws XPathExpressionException {
            return jdk.evaluate(expression, item);
        }

        @Override
        public Object evaluate(String expression, InputSource source, QName returnType)
                throws XPathExpressionException {
            return jdk.evaluate(expression, source, returnType);
        }

        @Override
        public String evaluate(String expression, InputSource source) throws XPathExpressionException {
            return jdk.evaluate(expression, source);
        }

        @Override
        public XPathExpression compile(String expression) throws XPathExpressionException {
            return jdk.compile(expression);
        }

        @Override
        public void reset() {
            jdk.reset();
        }

        @Override
        public void setXPathVariableResolver(XPathVariableResolver resolver) {
            jdk.setXPathVariableResolver(resolver);
        }

        @Override
        public XPathVariableResolver getXPathVariableResolver() {
            return jdk.getXPathVariableResolver();
        }

        @Override
        public void setXPathFunctionResolver(XPathFunctionResolver resolver) {
            jdk.setXPathFunctionResolver(resolver);
        }

        @Override
        public XPathFunctionResolver getXPathFunctionResolver() {
            return jdk.getXPathFunctionResolver();
        }

        @Override
        public void setNamespaceContext(NamespaceContext context) {
            jdk.setNamespaceContext(context);
        }

        @Override
        public NamespaceContext getNamespaceContext() {
            return jdk.getNamespaceContext();
        }
    }

    /**
     * A path of child steps by element name ({@code a}, {@code a/b}, {@code /a/b}) or a union of single names
     * ({@code a|b|c}), evaluated on the DOM in document order.
     */
    static final class ChildPath {

        private ChildPath() {
        }

        /** The selected nodes in document order, or null when the expression or the tree is not one of ours. */
        static List<Node> select(String expression, Node context) {
            if (expression.indexOf('|') >= 0) {
                String[] names = expression.split("\\|", -1);
                for (String name : names) {
                    if (!isName(name)) {
                        return null;
                    }
                }
                return children(context, new HashSet<>(Arrays.asList(names)));
            }
            boolean absolute = expression.startsWith("/");
            String[] steps = (absolute ? expression.substring(1) : expression).split("/", -1);
            for (String step : steps) {
                if (!isName(step)) {
                    return null;
                }
            }
            Node start = absolute ? root(context) : context;
            if (start == null) {
                return null;
            }
            List<Node> current = List.of(start);
            for (String step : steps) {
                List<Node> next = new ArrayList<>();
                for (Node node : current) {
                    List<Node> found = children(node, Set.of(step));
                    if (found == null) {
                        return null;
                    }
                    next.addAll(found);
                }
                current = next;
            }
            return current;
        }

        /** The element children named one of {@code names}, or null if a child makes the answer uncertain. */
        private static List<Node> children(Node parent, Set<String> names) {
            List<Node> found = new ArrayList<>();
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                short type = child.getNodeType();
                if (type == Node.ENTITY_REFERENCE_NODE) {
                    return null;
                }
                if (type == Node.ELEMENT_NODE) {
                    String name = child.getNodeName();
                    if (child.getNamespaceURI() != null || name.indexOf(':') >= 0) {
                        return null;
                    }
                    if (names.contains(name)) {
                        found.add(child);
                    }
                }
            }
            return found;
        }

        /** The document at the top of the node's tree, or null for a detached subtree. */
        private static Node root(Node node) {
            Node top = node;
            while (top.getParentNode() != null) {
                top = top.getParentNode();
            }
            return top instanceof Document ? top : null;
        }

        /** An XML name without a prefix, in the ASCII range (anything else is left to the JDK). */
        static boolean isName(String text) {
            if (text.isEmpty() || !(Character.isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean ascii = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!(ascii || c == '_' || c == '-' || c == '.')) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A node list over selected nodes, as JAXP returns for {@link XPathConstants#NODESET}. */
    private record Nodes(List<Node> nodes) implements NodeList {

        @Override
        public Node item(int index) {
            return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
        }

        @Override
        public int getLength() {
            return nodes.size();
        }
    }
}
