#!/usr/bin/env python3
"""Summarises a JFR recording made under load by benchmarks/profile.sh: where the CPU samples are (share of samples per
thread group, top frames by self share, top frames anywhere on the stack, share per library), what runs on Reactor's
parallel scheduler, allocation (sampled bytes per request) and GC pauses.

    python3 benchmarks/jfr_summary.py <recording.jfr> <requests served> <from HH:MM:SS> <to HH:MM:SS> [top N]

Only events that start between <from> and <to> (the load's window, local time as `jfr print` writes it) count.

It reads `jfr print` output (the JDK's own tool), so it needs `jfr` on the PATH or next to `java`. Shares are
fractions of the execution samples in the recording, which survive a loaded machine better than times do.
"""
import collections
import os
import re
import shutil
import subprocess
import sys

LIBRARIES = [
    ("dev.fedbff.", "fedbff"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("tools.jackson.", "Jackson"),
    ("io.netty.", "Netty"),
    ("reactor.netty.", "Reactor Netty"),
    ("reactor.", "Reactor"),
    ("org.springframework.security.", "Spring Security"),
    ("org.springframework.web.", "Spring Web/WebFlux"),
    ("org.springframework.http.", "Spring Web/WebFlux"),
    ("org.springframework.", "Spring (other)"),
    ("graphql.", "graphql-java"),
    ("com.nimbusds.", "Nimbus JOSE"),
    ("io.github.resilience4j.", "Resilience4j"),
    ("io.micrometer.", "Micrometer"),
    ("java.", "JDK"),
    ("javax.", "JDK"),
    ("jdk.", "JDK"),
    ("sun.", "JDK"),
]

LAYERS = [
    ("Spring Security web filters", ("org.springframework.security.web.server.",)),
    ("JWT verification (Spring + Nimbus)", ("org.springframework.security.oauth2.jwt.", "com.nimbusds.")),
    ("WebFlux (dispatcher, filters, handlers)", ("org.springframework.web.reactive.", "org.springframework.web.server.")),
    ("WebSession", ("org.springframework.web.server.session.",)),
    ("Reactor Netty HTTP server", ("reactor.netty.http.server.",)),
    ("Reactor Netty HTTP client", ("reactor.netty.http.client.", "reactor.netty.resources.")),
    ("Reactor schedulers", ("reactor.core.scheduler.",)),
    ("Resilience4j", ("io.github.resilience4j.",)),
    ("Micrometer", ("io.micrometer.",)),
    ("Jackson", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("fedbff rate limit", ("dev.fedbff.gateway.ratelimit.",)),
    ("fedbff passthrough", ("dev.fedbff.gateway.passthrough.",)),
    ("fedbff execution, shaping (execute, shape)", ("dev.fedbff.gateway.execute.", "dev.fedbff.gateway.shape.")),
    ("fedbff backend calls (connect, resilience)", ("dev.fedbff.gateway.connect.", "dev.fedbff.gateway.resilience.")),
    ("java.util.HashMap and LinkedHashMap", ("java.util.HashMap.", "java.util.LinkedHashMap.")),
]


def jfr_tool():
    found = shutil.which("jfr")
    if found:
        return found
    java = shutil.which("java")
    return os.path.join(os.path.dirname(os.path.realpath(java)), "jfr")


def events(recording, names, depth):
    """Yields (event name, fields, frames) from `jfr print` text output."""
    out = subprocess.run([jfr_tool(), "print", "--events", names, "--stack-depth", str(depth), recording],
                         check=True, capture_output=True, text=True).stdout
    name, fields, frames, in_stack = None, {}, [], False
    for line in out.splitlines():
        stripped = line.strip()
        if not line.startswith(" ") and stripped.endswith("{"):
            name, fields, frames, in_stack = stripped[:-1].strip(), {}, [], False
        elif stripped == "}" and not line.startswith("  "):
            if name:
                yield name, fields, frames
            name = None
        elif stripped.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack:
            if stripped == "]":
                in_stack = False
            elif stripped != "...":
                frames.append(re.sub(r"\s+line:.*$", "", stripped))
        elif " = " in stripped and name:
            key, value = stripped.split(" = ", 1)
            fields.setdefault(key, value)


def thread_group(value):
    match = re.match(r'"([^"]*)"', value)
    thread = match.group(1) if match else value
    if thread.startswith("reactor-http-epoll") or thread.startswith("reactor-http-nio"):
        return "event loop (reactor-http-*)"
    if thread.startswith("parallel-"):
        return "Reactor parallel-*"
    if thread.startswith("boundedElastic-"):
        return "Reactor boundedElastic-*"
    return re.sub(r"[-#]?\d+$", "", thread) or thread


def method_of(frame):
    return re.sub(r"\(.*$", "", frame)


def library_of(frame):
    for prefix, library in LIBRARIES:
        if frame.startswith(prefix):
            return library
    return frame.split(".")[0] if "." in frame else frame


def pct(part, whole):
    return f"{100.0 * part / whole:5.1f}%" if whole else "  -  "


def main():
    recording, requests, start, end = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    top = int(sys.argv[5]) if len(sys.argv) > 5 else 25
    threads = collections.Counter()
    self_frames = collections.Counter()
    anywhere = collections.Counter()
    libraries = collections.Counter()
    parallel_anywhere = collections.Counter()
    layers = collections.Counter()
    parallel = 0
    samples = 0
    allocation = collections.Counter()
    allocated = 0
    gc_pauses = []
    for name, fields, frames in events(recording, "jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.GarbageCollection", 256):
        if not start <= fields.get("startTime", "")[:len(start)] <= end:
            continue
        if name == "jdk.ExecutionSample":
            if not frames:
                continue
            samples += 1
            group = thread_group(fields.get("sampledThread", "?"))
            threads[group] += 1
            self_frames[method_of(frames[0])] += 1
            libraries[library_of(frames[0])] += 1
            methods = set(method_of(frame) for frame in frames)
            for method in methods:
                anywhere[method] += 1
            for label, prefixes in LAYERS:
                if any(method.startswith(prefixes) for method in methods):
                    layers[label] += 1
            if group == "Reactor parallel-*":
                parallel += 1
                for method in methods:
                    parallel_anywhere[method] += 1
        elif name == "jdk.ObjectAllocationSample":
            weight = parse_bytes(fields.get("weight", "0"))
            allocated += weight
            where = next((method_of(f) for f in frames if f.startswith("dev.fedbff.")), method_of(frames[0]) if frames else "?")
            allocation[where] += weight
        elif name == "jdk.GarbageCollection":
            gc_pauses.append(parse_millis(fields.get("sumOfPauses", "0 ms")))

    print(f"execution samples: {samples}; requests during the recording: {requests}")
    print()
    print("share of samples per thread group:")
    for group, count in threads.most_common():
        print(f"  {pct(count, samples)}  {group}")
    print()
    print("share of samples per library (self, top frame):")
    for library, count in libraries.most_common(15):
        print(f"  {pct(count, samples)}  {library}")
    print()
    print(f"top {top} frames by self share:")
    for method, count in self_frames.most_common(top):
        print(f"  {pct(count, samples)}  {method}")
    print()
    print("layers, share of samples with a frame of the layer anywhere on the stack (layers nest, so shares overlap):")
    for label, count in sorted(layers.items(), key=lambda item: -item[1]):
        print(f"  {pct(count, samples)}  {label}")
    print()
    print(f"top {top} frames anywhere on the stack:")
    for method, count in anywhere.most_common(top):
        print(f"  {pct(count, samples)}  {method}")
    if parallel:
        print()
        print(f"on Reactor's parallel-* threads ({parallel} samples), frames anywhere on the stack:")
        for method, count in parallel_anywhere.most_common(15):
            print(f"  {pct(count, parallel)}  {method}")
    print()
    if allocated:
        print(f"allocation (jdk.ObjectAllocationSample, weighted): {allocated / 1e6:.0f} MB in total,"
              f" {allocated / max(requests, 1) / 1024:.1f} KB per request")
        for where, weight in allocation.most_common(12):
            print(f"  {pct(weight, allocated)}  {where}")
        print()
    if gc_pauses:
        print(f"GC: {len(gc_pauses)} collections, {sum(gc_pauses):.0f} ms of pauses in total,"
              f" {sum(gc_pauses) / max(requests, 1) * 1000:.1f} µs per request")


def parse_bytes(value):
    match = re.match(r"([\d.,]+)\s*(bytes|kB|MB|GB)?", value.strip())
    if not match:
        return 0
    number = float(match.group(1).replace(",", ""))
    return int(number * {"bytes": 1, None: 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}[match.group(2)])


def parse_millis(value):
    match = re.match(r"([\d.,]+)\s*(ns|us|ms|s)?", value.strip())
    if not match:
        return 0.0
    number = float(match.group(1).replace(",", ""))
    return number * {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1000.0, None: 1.0}[match.group(2)]


if __name__ == "__main__":
    main()
