package dev.fedbff.gateway.passthrough;

import dev.fedbff.testsupport.RecordingBackend;
import dev.fedbff.testsupport.RecordingBackend.Answer;
import dev.fedbff.testsupport.RecordingBackend.Call;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The passthrough tests' backend answers as the query string asks, so each test row says in its URL what the backend
 * does: {@code status=503}, {@code cc=no-store} (Cache-Control), {@code etag=v1}, {@code vary=Accept}, {@code hold=1}
 * (the answer waits until the test releases it), {@code hop=1} (hop-by-hop headers in the answer). The body is JSON
 * naming the backend, the target, the number of calls to it so far and the {@code X-User-Id} it got.
 */
final class BackendScript implements RecordingBackend.Responder {

    private final RecordingBackend backend;

    private BackendScript(RecordingBackend backend) {
        this.backend = backend;
    }

    /** A scripted backend on a free port. */
    static RecordingBackend start() {
        return start("backend", 0);
    }

    /**
     * @param name named in every answer's body, to tell two backends on the same port apart
     * @param port 0 for a free port, or the port of a backend that was stopped, to bring it back
     */
    static RecordingBackend start(String name, int port) {
        RecordingBackend backend = new RecordingBackend(name, port);
        return backend.answer(new BackendScript(backend));
    }

    @Override
    public Answer answer(Call call) {
        Map<String, String> script = query(call.target());
        String body = "{\"backend\":\"" + backend.name() + "\",\"target\":\"" + call.target() + "\",\"call\":" + backend.calls(call.target()).size()
                + ",\"user\":\"" + call.header("X-User-Id") + "\"}";
        Answer answer = Answer.json(body).withStatus(Integer.parseInt(script.getOrDefault("status", "200")));
        answer = copy(script, "cc", answer, "Cache-Control");
        answer = copy(script, "etag", answer, "ETag");
        answer = copy(script, "vary", answer, "Vary");
        if (script.containsKey("hop")) {
            answer = answer.withHeader("Connection", "X-Backend-Secret").withHeader("X-Backend-Secret", "internal")
                    .withHeader("Keep-Alive", "timeout=5").withHeader("Proxy-Authenticate", "Basic");
        }
        return script.containsKey("hold") ? answer.held() : answer;
    }

    private static Answer copy(Map<String, String> script, String key, Answer answer, String header) {
        return script.containsKey(key) ? answer.withHeader(header, script.get(key)) : answer;
    }

    private static Map<String, String> query(String target) {
        Map<String, String> values = new LinkedHashMap<>();
        int start = target.indexOf('?');
        if (start < 0) {
            return values;
        }
        for (String pair : target.substring(start + 1).split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }
}
