package org.camrelay.app.routes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.NamedNode;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.camrelay.component.vbc10.Vbc10Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the routes of a folder of Camel XML files running, file by file. A new or edited file is checked
 * as a whole before any of its routes is touched: malformed XML, an unknown template or template
 * parameter, an endpoint option that does not exist, or a camera name or route id that another file
 * already uses refuse the file, with its name and line, and whatever ran before keeps running; the refusal
 * is kept ({@link #refusedFiles()}) until the file is fixed or removed. A file that passes replaces the routes
 * it brought before; its cameras' viewers stay, as the {@code live:} component keeps a stream for the new
 * route to take over (its stream grace period). A removed file takes its routes with it. Other files'
 * routes, and so their camera connections and viewers, are never touched.
 */
public final class RoutesFolder extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFolder.class);

    /**
     * What runs from one file: its routes by id and their cameras; the last text seen, and why that text
     * was refused (null when it runs).
     */
    private record Loaded(RouteFile file, Set<String> routeIds, Set<String> cameras, String seenContent,
            RefusedRouteFile refusal) {
    }

    private final CamelContext context;
    private final Path folder;
    private final long scanMillis;
    private final Map<Path, Loaded> files = new TreeMap<>();
    private ScheduledExecutorService scanner;

    /** @param scanMillis how often to look for changes; 0 loads the folder once */
    public RoutesFolder(CamelContext context, Path folder, long scanMillis) {
        this.context = context;
        this.folder = folder;
        this.scanMillis = scanMillis;
    }

    @Override
    protected void doStart() {
        if (!Files.isDirectory(folder)) {
            LOG.warn("Routes folder {} does not exist; no camera routes are loaded", folder.toAbsolutePath());
        }
        scan();
        if (scanMillis > 0) {
            scanner = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "RoutesFolder");
            scanner.scheduleWithFixedDelay(this::scan, scanMillis, scanMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (scanner != null) {
            context.getExecutorServiceManager().shutdownNow(scanner);
            scanner = null;
        }
    }

    /** Brings the running routes in step with the folder; synchronized so a test can call it between scans. */
    public synchronized void scan() {
        Map<Path, String> current = read();
        for (Path gone : new ArrayList<>(files.keySet())) {
            if (!current.containsKey(gone)) {
                Loaded loaded = files.remove(gone);
                removeRoutes(loaded.routeIds());
                LOG.info("{} was removed: stopped {}", display(gone), loaded.routeIds());
            }
        }
        // Files with templates first, so that routes made from them find them.
        current.entrySet().stream()
                .filter(e -> files.get(e.getKey()) == null || !files.get(e.getKey()).seenContent().equals(e.getValue()))
                .sorted(Comparator.comparing((Map.Entry<Path, String> e) -> !e.getValue().contains("<routeTemplate"))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> load(e.getKey(), e.getValue()));
    }

    private Map<Path, String> read() {
        Map<Path, String> contents = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return contents;
        }
        try (Stream<Path> list = Files.list(folder)) {
            for (Path path : list.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p)).toList()) {
                contents.put(path, Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read routes folder {}: {}", folder.toAbsolutePath(), e.toString());
        }
        return contents;
    }

    private void load(Path path, String content) {
        Loaded before = files.get(path);
        String name = display(path);
        try {
            RouteFile file = RouteFile.parse(context, name, path, content);
            Set<String> cameras = check(file, path);
            Set<String> ids = replace(before, file);
            files.put(path, new Loaded(file, ids, cameras, content, null));
            LOG.info("{}: {} {}", name, before == null ? "started" : "reloaded", ids.isEmpty() ? file.templateIds() : ids);
        } catch (RouteFileException e) {
            // A file that stays refused through further edits keeps the time it was first refused.
            long since = before != null && before.refusal() != null ? before.refusal().sinceMillis()
                    : System.currentTimeMillis();
            RefusedRouteFile refusal = new RefusedRouteFile(name, e.line(), e.getMessage(), since);
            files.put(path, before == null ? new Loaded(null, Set.of(), Set.of(), content, refusal)
                    : new Loaded(before.file(), before.routeIds(), before.cameras(), content, refusal));
            LOG.error("Refused {}: {}. {}", refusal.location(), refusal.reason(), before == null
                    || before.routeIds().isEmpty() ? "Nothing from it runs."
                    : "Its routes as they were before keep running: " + before.routeIds());
        }
    }

    /** Checks the file against the running relay; returns the cameras it defines. */
    private Set<String> check(RouteFile file, Path path) throws RouteFileException {
        Set<String> cameras = new LinkedHashSet<>();
        Set<String> routeIds = new LinkedHashSet<>();
        for (RouteDefinition route : file.routes) {
            routeIds.add(route.getRouteId());
            checkEndpoints(file, route, new Properties(), 0, cameras);
        }
        for (int i = 0; i < file.templated.size(); i++) {
            RouteFile.Templated templated = file.templated.get(i);
            int line = file.lineOf("<templatedRoute", i, null);
            RouteTemplateDefinition template = template(file, templated.templateId());
            if (template == null) {
                throw new RouteFileException(file.name, line, "no route template '" + templated.templateId() + "'");
            }
            Properties parameters = parameters(file, i, template, templated);
            routeIds.add(templated.routeId());
            checkEndpoints(file, template.getRoute(), parameters, line, cameras);
        }
        for (Map.Entry<Path, Loaded> other : files.entrySet()) {
            if (!other.getKey().equals(path)) {
                for (String camera : cameras) {
                    if (other.getValue().cameras().contains(camera)) {
                        throw new RouteFileException(file.name, file.lineOfCamera(camera), "camera '" + camera
                                + "' is already defined in " + display(other.getKey()));
                    }
                }
                for (String id : routeIds) {
                    if (id != null && other.getValue().routeIds().contains(id)) {
                        throw new RouteFileException(file.name, file.lineOf("", 0, "\"" + id + "\""), "route id '" + id
                                + "' is already used in " + display(other.getKey()));
                    }
                }
            }
        }
        return cameras;
    }

    private RouteTemplateDefinition template(RouteFile file, String id) {
        return file.templates.stream().filter(t -> t.getId().equals(id)).findFirst()
                .orElseGet(() -> context.getCamelContextExtension().getContextPlugin(Model.class).getRouteTemplateDefinition(id));
    }

    /** The template's parameters with this route's values; unknown and missing ones refuse the file. */
    private static Properties parameters(RouteFile file, int index, RouteTemplateDefinition template,
            RouteFile.Templated templated) throws RouteFileException {
        Map<String, RouteTemplateParameterDefinition> declared = new HashMap<>();
        template.getTemplateParameters().forEach(p -> declared.put(p.getName(), p));
        Properties values = new Properties();
        for (Map.Entry<String, String> given : templated.parameters().entrySet()) {
            if (!declared.containsKey(given.getKey())) {
                throw new RouteFileException(file.name, file.lineOf("<templatedRoute", index, "\"" + given.getKey() + "\""),
                        "unknown parameter '" + given.getKey() + "' for template '" + template.getId() + "', which takes "
                                + String.join(", ", template.getTemplateParameters().stream()
                                        .map(RouteTemplateParameterDefinition::getName).toList()));
            }
            values.setProperty(given.getKey(), given.getValue());
        }
        for (RouteTemplateParameterDefinition parameter : template.getTemplateParameters()) {
            if (!values.containsKey(parameter.getName())) {
                if (parameter.getDefaultValue() != null) {
                    values.setProperty(parameter.getName(), parameter.getDefaultValue());
                } else if (parameter.isRequired()) {
                    throw new RouteFileException(file.name, file.lineOf("<templatedRoute", index, null),
                            "template '" + template.getId() + "' needs parameter '" + parameter.getName() + "'");
                }
            }
        }
        return values;
    }

    /**
     * Creates every endpoint the route uses, as Camel will, so that a wrong option refuses the file now.
     * Errors point at {@code templatedLine} for a route made from a template (the operator's line, not the
     * template's), otherwise at the endpoint's own line. The endpoints made here are removed again: the route makes
     * its own as it starts, and only those are registered in JMX (with their managed attributes, for Hawtio).
     */
    private void checkEndpoints(RouteFile file, RouteDefinition route, Properties parameters, int templatedLine,
            Set<String> cameras) throws RouteFileException {
        List<EndpointRequiredDefinition> uses = new ArrayList<>();
        uses.add(route.getInput());
        collect(route, uses);
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocalProperties(parameters);
        List<Endpoint> made = new ArrayList<>();
        try {
            for (EndpointRequiredDefinition use : uses) {
                int line = templatedLine == 0 && use instanceof NamedNode node ? node.getLineNumber() : templatedLine;
                Endpoint endpoint;
                try {
                    String uri = context.resolvePropertyPlaceholders(use.getEndpointUri());
                    boolean existed = context.hasEndpoint(uri) != null;
                    endpoint = context.getEndpoint(uri);
                    if (!existed) {
                        made.add(endpoint);
                    }
                } catch (Exception e) {
                    throw new RouteFileException(file.name, line, RouteFile.rootMessage(e));
                }
                if (use == route.getInput() && endpoint instanceof Vbc10Endpoint camera
                        && !cameras.add(camera.getConfiguration().getName())) {
                    throw new RouteFileException(file.name, line, "camera '" + camera.getConfiguration().getName()
                            + "' is defined twice in this file");
                }
            }
        } finally {
            properties.setLocalProperties(null);
            for (Endpoint endpoint : made) {
                try {
                    context.removeEndpoint(endpoint);
                } catch (Exception e) {
                    LOG.debug("{}: endpoint {} made for the check could not be removed", file.name, endpoint, e);
                }
            }
        }
    }

    private static void collect(ProcessorDefinition<?> node, List<EndpointRequiredDefinition> uses) {
        for (ProcessorDefinition<?> child : node.getOutputs()) {
            if (child instanceof EndpointRequiredDefinition use) {
                uses.add(use);
            }
            collect(child, uses);
        }
    }

    /** Swaps the routes a file brought before for the ones it brings now; puts the old ones back on failure. */
    private Set<String> replace(Loaded before, RouteFile file) throws RouteFileException {
        if (before != null) {
            removeRoutes(before.routeIds());
        }
        try {
            return add(file);
        } catch (Exception e) {
            if (before != null && before.file() != null) {
                try {
                    add(before.file());
                } catch (Exception again) {
                    LOG.error("{}: the routes that ran before could not be started again: {}", file.name,
                            RouteFile.rootMessage(again));
                }
            }
            throw new RouteFileException(file.name, 0, "its routes could not start: " + RouteFile.rootMessage(e));
        }
    }

    private Set<String> add(RouteFile file) throws Exception {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        model.addRouteTemplateDefinitions(file.templates);
        Set<String> ids = new LinkedHashSet<>();
        List<RouteDefinition> routes = new ArrayList<>(file.routes);
        model.addRouteDefinitions(routes);
        routes.forEach(route -> ids.add(route.getRouteId()));
        for (RouteFile.Templated templated : file.templated) {
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, templated.templateId());
            if (templated.routeId() != null) {
                builder.routeId(templated.routeId());
            }
            templated.parameters().forEach(builder::parameter);
            ids.add(builder.add());
        }
        return ids;
    }

    private void removeRoutes(Set<String> routeIds) {
        for (String id : routeIds) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not remove route {}: {}", id, RouteFile.rootMessage(e));
            }
        }
    }

    /** The file as operators name it: relative to the working folder when it is below it. */
    private static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    /** The routes each file runs, for the status page and tests. */
    public synchronized Map<String, Set<String>> routesByFile() {
        Map<String, Set<String>> answer = new TreeMap<>();
        files.forEach((path, loaded) -> answer.put(display(path), loaded.routeIds()));
        return answer;
    }

    /** Files whose current text was refused, with where and why: {@code routes/x.xml:12: problem}. */
    public synchronized Map<String, String> refusals() {
        Map<String, String> answer = new TreeMap<>();
        refusedFiles().forEach(refused -> answer.put(refused.file(), refused.location() + ": " + refused.reason()));
        return answer;
    }

    /**
     * The files whose current text is refused, by name; a file leaves the list when it is fixed or removed. For
     * {@code /status} and {@code /api/cameras}, since a refusal is otherwise only in the log.
     */
    public synchronized List<RefusedRouteFile> refusedFiles() {
        return files.values().stream().map(Loaded::refusal).filter(java.util.Objects::nonNull).toList();
    }

    /** The refused files of the routes folder running in {@code context}; none when it runs none. */
    public static List<RefusedRouteFile> refusedFiles(CamelContext context) {
        Set<RoutesFolder> folders = context.getRegistry().findByType(RoutesFolder.class);
        return folders.stream().flatMap(folder -> folder.refusedFiles().stream())
                .sorted(Comparator.comparing(RefusedRouteFile::file)).toList();
    }
}
