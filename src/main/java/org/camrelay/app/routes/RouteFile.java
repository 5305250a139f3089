package org.camrelay.app.routes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.model.TemplatedRouteParameterDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.xml.io.XmlPullParserLocationException;

/**
 * One file of the routes folder, parsed: its routes, route templates and routes made from templates, with
 * the text they came from so that errors can point at a line.
 */
final class RouteFile {

    /** A route made from a template, with its parameters as written. */
    record Templated(String templateId, String routeId, Map<String, String> parameters) {
    }

    final String name;
    final String content;
    final List<RouteDefinition> routes;
    final List<RouteTemplateDefinition> templates;
    final List<Templated> templated;

    private RouteFile(String name, String content, List<RouteDefinition> routes, List<RouteTemplateDefinition> templates,
            List<Templated> templated) {
        this.name = name;
        this.content = content;
        this.routes = routes;
        this.templates = templates;
        this.templated = templated;
    }

    /** Parses a file of Camel's XML DSL; malformed XML is refused with its line. */
    static RouteFile parse(CamelContext context, String name, Path path, String content) throws RouteFileException {
        Resource resource = PluginHelper.getResourceLoader(context).resolveResource("file:" + path.toAbsolutePath());
        List<RouteDefinition> routes = new ArrayList<>();
        List<RouteTemplateDefinition> templates = new ArrayList<>();
        List<Templated> templated = new ArrayList<>();
        try {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(resource)) {
                RouteBuilder routeBuilder = (RouteBuilder) builder;
                routeBuilder.setCamelContext(context);
                routeBuilder.configure();
                routes.addAll(routeBuilder.getRouteCollection().getRoutes());
                templates.addAll(routeBuilder.getRouteTemplateCollection().getRouteTemplates());
                for (TemplatedRouteDefinition definition : routeBuilder.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    Map<String, String> parameters = new LinkedHashMap<>();
                    for (TemplatedRouteParameterDefinition parameter : definition.getParameters()) {
                        parameters.put(parameter.getName(), parameter.getValue());
                    }
                    templated.add(new Templated(definition.getRouteTemplateRef(), definition.getRouteId(), parameters));
                }
            }
        } catch (Exception e) {
            XmlPullParserLocationException location = cause(e, XmlPullParserLocationException.class);
            if (location != null) {
                throw new RouteFileException(name, location.getLineNumber(), "malformed XML: "
                        + location.getCause().getMessage().replaceAll("\\s*\\(position:.*", ""));
            }
            throw new RouteFileException(name, 0, "cannot be read as Camel XML routes: " + rootMessage(e));
        }
        return new RouteFile(name, content, routes, templates, templated);
    }

    /** The line where {@code text} first appears after the {@code occurrence}-th {@code anchor}, or 0. */
    int lineOf(String anchor, int occurrence, String text) {
        int from = -1;
        for (int i = 0; i <= occurrence; i++) {
            from = content.indexOf(anchor, from + 1);
            if (from < 0) {
                return 0;
            }
        }
        int at = text == null ? from : content.indexOf(text, from);
        return at < 0 ? 0 : (int) content.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The line naming a camera, as a template parameter value or in a vbc10 URI, or 0. */
    int lineOfCamera(String camera) {
        int line = lineOf("", 0, "\"" + camera + "\"");
        return line > 0 ? line : lineOf("", 0, "vbc10:" + camera);
    }

    Set<String> templateIds() {
        return Set.copyOf(templates.stream().map(RouteTemplateDefinition::getId).toList());
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
