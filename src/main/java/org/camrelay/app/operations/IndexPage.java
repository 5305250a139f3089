package org.camrelay.app.operations;

import static org.camrelay.app.operations.Html.escape;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.camrelay.component.live.LiveFormat;
import org.camrelay.component.live.LiveStream;
import org.camrelay.component.live.StreamRegistry;

/** The page at {@code /}: every camera with its live picture and the URLs of its streams. */
final class IndexPage implements Processor {

    private final StreamRegistry streams;

    IndexPage(StreamRegistry streams) {
        this.streams = streams;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, List<LiveStream>> byCamera = new TreeMap<>(
                streams.all().stream().collect(Collectors.groupingBy(LiveStream::camera)));
        StringBuilder html = new StringBuilder(2048).append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>camrelay</title>
                <style>body{font-family:sans-serif;margin:2em}figure{display:inline-block;margin:0 2em 2em 0}
                img{background:#222;min-width:320px;min-height:240px}</style></head><body>
                <h1>camrelay</h1>
                <p><a href="/status">Status of every camera</a> · <a href="/hawtio/">Hawtio console</a></p>
                """);
        if (byCamera.isEmpty()) {
            html.append("<p>No cameras yet: add a route to <code>routes/</code>.</p>\n");
        }
        byCamera.forEach((camera, ofCamera) -> {
            String cam = escape(camera);
            html.append("<figure><figcaption><h2>").append(cam).append("</h2></figcaption>\n");
            ofCamera.stream().filter(s -> s.format() == LiveFormat.MJPEG).findFirst().ifPresent(s -> html
                    .append("<img src=\"/cams/").append(escape(s.path())).append("\" alt=\"").append(cam)
                    .append(" live\"><br>\n"));
            for (LiveStream stream : ofCamera) {
                String path = "/cams/" + escape(stream.path());
                html.append("<a href=\"").append(path).append("\">").append(path).append("</a> (")
                        .append(stream.viewerCount()).append(" watching)<br>\n");
            }
            html.append("<a href=\"/cams/").append(cam).append("/snapshot.jpg\">/cams/").append(cam)
                    .append("/snapshot.jpg</a></figure>\n");
        });
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html;charset=utf-8");
        exchange.getMessage().setBody(html.append("</body></html>\n").toString());
    }}
