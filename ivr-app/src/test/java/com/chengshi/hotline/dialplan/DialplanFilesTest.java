package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.flow.FlowProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Asterisk files admins copy (dialplan/) and the docker stack uses (docker/asterisk/): every prompt they play is a
 * catalogue prompt in every language a call may ask for, and every AGI URL reaches our script with a seat and a
 * language. Asterisk would only find out on a live call, by playing nothing or by failing the AGI.
 */
class DialplanFilesTest {

    private static final Pattern PLAYED = Pattern.compile("(?i)\\b(?:Playback|Background|ControlPlayback)\\(([^,)]*)");
    private static final Pattern QUEUE_SOUND = Pattern.compile("(?m)^\\s*(periodic-announce|announce|queue-[a-z]+)\\s*=\\s*(\\S+)");
    private static final Pattern AGI = Pattern.compile("(?i)\\bAGI\\(([^),]*)");
    private static final Pattern QUEUE_APP = Pattern.compile("(?i)\\bQueue\\(([^,)]*)");
    private static final Pattern SECTION = Pattern.compile("(?m)^\\[([^\\]]+)\\](\\(([^)]*)\\))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern GLOBAL = Pattern.compile("^([A-Z0-9_]+)=([^;]*?)\\s*(;.*)?$");

    private final Path root = projectRoot();
    private final Map<String, Map<String, String>> catalogue = catalogue(root.resolve("prompts/catalogue.yml"));
    private final Set<String> languages = catalogue.values().stream().flatMap(t -> t.keySet().stream())
            .collect(Collectors.toSet());

    @Test
    void everyPromptTheDialplanPlaysIsInTheCatalogueInEveryLanguage() throws IOException {
        List<String> played = new ArrayList<>();
        for (Path file : dialplanFiles()) {
            String text = withoutComments(file);
            PLAYED.matcher(text).results().forEach(m -> played.addAll(List.of(m.group(1).split("&"))));
            QUEUE_SOUND.matcher(text).results().forEach(m -> played.add(m.group(2)));
        }
        assertThat(played).as("prompts played by the dialplan").isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (String file : played) {
            for (String language : languages) {
                String expanded = expand(file, language);
                Matcher prompt = Pattern.compile("hotline/([^/]+)/([A-Za-z0-9_-]+)").matcher(expanded);
                if (!prompt.matches()) {
                    missing.add(file + " is not hotline/<lang>/<prompt id>");
                } else if (!catalogue.getOrDefault(prompt.group(2), Map.of()).containsKey(prompt.group(1))) {
                    missing.add(expanded + ": no prompt '" + prompt.group(2) + "' in " + prompt.group(1));
                }
            }
        }
        assertThat(missing).as("prompts the dialplan plays that prompts/catalogue.yml lacks").isEmpty();
    }

    @Test
    void everyAgiUrlReachesOurScriptWithASeatAndALanguageOnEveryNodeListed() throws IOException {
        List<String> urls = new ArrayList<>();
        for (Path file : dialplanFiles()) {
            AGI.matcher(withoutComments(file)).results().forEach(m -> urls.add(m.group(1)));
        }
        assertThat(urls).as("AGI calls in the dialplan").isNotEmpty();
        List<String> nodeLists = new ArrayList<>(List.of(globals().get("HOTLINE_AGI_NODES")));
        Matcher override = Pattern.compile("(?m)^HOTLINE_AGI_NODES=(\\S+)")
                .matcher(withoutComments(root.resolve("docker/asterisk/extensions.conf")));
        override.results().forEach(m -> nodeLists.add(m.group(1)));

        for (String nodes : nodeLists) {
            for (String node : nodes.split("&")) {
                for (String url : urls) {
                    for (String language : languages) {
                        URI agi = URI.create(expand(url.replace("${HOTLINE_NODE}", node), language));
                        assertThat(agi.getScheme()).as(url + " on " + node).isIn("agi", "hagi");
                        assertThat(agi.getHost()).as(url + ": host").isNotBlank();
                        if (agi.getScheme().equals("agi")) {
                            assertThat(agi.getPort()).as(url + ": port").isBetween(1, 65535);
                        }
                        assertThat(agi.getPath()).as(url + ": script").isEqualTo("/hotline");
                        Map<String, String> query = Stream.of(agi.getRawQuery().split("&"))
                                .map(p -> p.split("=", 2))
                                .collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
                        assertThat(query.get("seat")).as(url + ": seat").matches("[0-9]+");
                        assertThat(query.get("lang")).as(url + ": lang").isIn(languages);
                    }
                }
            }
        }
    }

    @Test
    void everyQueueTheDialplanJoinsIsConfiguredWithItsHoldAnnouncement() throws IOException {
        Set<String> configured = new HashSet<>();
        for (Path file : dialplanFiles()) {
            if (file.getFileName().toString().startsWith("queues")) {
                SECTION.matcher(withoutComments(file)).results()
                        .filter(m -> m.group(3) == null || !m.group(3).contains("!"))
                        .forEach(m -> configured.add(m.group(1)));
            }
        }
        List<String> joined = new ArrayList<>();
        for (Path file : dialplanFiles()) {
            QUEUE_APP.matcher(withoutComments(file)).results().forEach(m -> joined.add(m.group(1)));
        }
        assertThat(joined).as("queues the dialplan joins").isNotEmpty();

        for (String queue : joined) {
            for (String language : languages) {
                assertThat(configured).as("queues configured").contains(expand(queue, language));
            }
        }
    }

    @Test
    void everyMusicClassTheQueuesAndTheFlowUseIsTheHotlinesOwn() throws IOException {
        Path root = projectRoot();
        String classes = withoutComments(root.resolve("dialplan/musiconhold_hotline.conf"));
        assertThat(SECTION.matcher(classes).results().map(m -> m.group(1)).toList()).containsExactly("hotline");
        assertThat(classes).as("the sound dir as Asterisk sees it, where the app writes the music")
                .contains("directory = sounds/hotline/moh");
        Pattern musicClass = Pattern.compile("(?m)^\\s*musicclass\\s*=\\s*(\\S+)");
        List<String> used = new ArrayList<>();
        for (Path file : dialplanFiles()) {
            musicClass.matcher(withoutComments(file)).results().forEach(m -> used.add(m.group(1)));
        }
        used.add(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("hotline.flow", FlowProperties.class).hold().musicClass());
        assertThat(used).isNotEmpty().containsOnly("hotline");
        assertThat(withoutComments(root.resolve("docker/asterisk/musiconhold.conf")))
                .contains("#include hotline/musiconhold_hotline.conf");
    }

    @Test
    void theHotlineTriesTheNextNodeOnlyWhenOneWasNotReachedAndFallsBackWhenNoneFinishedTheCall() throws IOException {
        String hotline = withoutComments(root.resolve("dialplan/extensions_hotline.conf"));

        assertThat(hotline).contains("n(node),Set(HOTLINE_NODE=${CUT(HOTLINE_AGI_NODES,&,${HOTLINE_TRY})})",
                "GotoIf($[\"${HOTLINE_OUTCOME}\" != \"\" & \"${HOTLINE_OUTCOME}\" != \"APP_ERROR\"]?served)",
                "GotoIf($[\"${HOTLINE_OUTCOME}\" = \"\" & \"${AGISTATUS}\" = \"FAILURE\" & ${HOTLINE_TRY} < "
                        + "${FIELDQTY(HOTLINE_AGI_NODES,&)}]?next)",
                "Goto(app-unavailable,1)", "n(next),", "Goto(node)", "exten => app-unavailable,1,");
    }

    /** Globals as the file sets them, with the call's language for ${HOTLINE_LANG}. */
    private String expand(String text, String language) throws IOException {
        Map<String, String> globals = globals();
        globals.put("HOTLINE_LANG", language);
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (variable.find()) {
            String value = globals.get(variable.group(1));
            assertThat(value).as("${" + variable.group(1) + "} in " + text + " is set in [globals]").isNotNull();
            variable.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(expanded).toString();
    }

    private Map<String, String> globals() throws IOException {
        Map<String, String> globals = new LinkedHashMap<>();
        boolean inGlobals = false;
        for (String line : Files.readAllLines(root.resolve("dialplan/extensions_hotline.conf"))) {
            if (line.startsWith("[")) {
                inGlobals = line.startsWith("[globals]");
            } else {
                Matcher global = GLOBAL.matcher(line.strip());
                if (inGlobals && global.matches()) {
                    globals.put(global.group(1), global.group(2).strip());
                }
            }
        }
        return globals;
    }

    private List<Path> dialplanFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("dialplan", "docker/asterisk")) {
            try (Stream<Path> conf = Files.list(root.resolve(dir))) {
                conf.filter(p -> p.getFileName().toString().matches("(extensions|queues).*\\.conf")).sorted()
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static String withoutComments(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> l.replaceAll("(?<!\\\\);.*", ""))
                .collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> catalogue(Path file) {
        try {
            Map<String, Object> yaml = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
            return (Map<String, Map<String, String>>) yaml.get("prompts");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The project root, from the project root or from the module directory Maven runs tests in. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("dialplan/extensions_hotline.conf"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no dialplan/extensions_hotline.conf above " + Path.of("").toAbsolutePath());
    }
}
