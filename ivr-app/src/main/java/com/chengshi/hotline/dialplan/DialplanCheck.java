package com.chengshi.hotline.dialplan;

import com.chengshi.hotline.agi.AgiOptions;
import com.chengshi.hotline.agi.AgiProperties;
import com.chengshi.hotline.dialer.CallbackDialer;
import com.chengshi.hotline.dialplan.ConfigFiles.Line;
import com.chengshi.hotline.flow.FlowProperties;
import com.chengshi.hotline.prompts.Catalogue;
import com.chengshi.hotline.prompts.PromptsProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What Asterisk would only find out on a live call, read from the Asterisk files admins copy ({@code dialplan/}, or
 * a whole Asterisk config dir): a prompt played that the catalogue lacks in a language, an AGI URL that does not
 * reach our script with a seat and a language, a missing fallback for when the app cannot be reached or fails, a
 * queue or music class that is not configured, and globals that are not what they must be. Also the dialplan's
 * settings: its globals, as the last {@code [globals]} that sets each leaves them.
 */
@Component
public final class DialplanCheck {

    /** Where the check looks when told nothing, like {@code prompts/catalogue.yml}: relative to the working dir. */
    public static final Path DEFAULT_DIR = Path.of("dialplan");

    /** A global as the dialplan leaves it, and where it is set. */
    public record Setting(String name, String value, Path file, int line) {
    }

    /** One problem in plain words; {@code line} 0 when it is about a whole file or directory. */
    public record Problem(Path file, int line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message;
        }
    }

    /** The dialplan's settings and its problems (none: Asterisk may load it). */
    public record Report(List<Setting> settings, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final String LANGUAGE = "HOTLINE_LANG";
    private static final String OUTCOME = "HOTLINE_OUTCOME";
    private static final String HOLD_MUSIC_DIR = "sounds/hotline/moh";
    private static final Pattern FILE_KINDS = Pattern.compile("(extensions|queues|musiconhold).*\\.conf");
    private static final Pattern EXTENSION = Pattern.compile("(?i)^(exten|same)\\s*=>?\\s*(.*)$");
    private static final Pattern PRIORITY = Pattern.compile("^([^(]*?)\\s*(?:\\(([^)]*)\\))?$");
    private static final Pattern APPLICATION = Pattern.compile("^([A-Za-z0-9_]+)\\s*(?:\\((.*)\\))?$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z0-9_-]+)\\s*=>?\\s*(.*)$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Pattern PROMPT = Pattern.compile("hotline/([^/]+)/([A-Za-z0-9_-]+)");
    private static final Pattern QUEUE_SOUND = Pattern.compile("periodic-announce|announce|queue-[a-z]+");
    private static final Pattern AGI_URL = Pattern.compile("h?agi://([^/:?]*)(?::([^/?]*))?(/[^?]*)?(?:\\?(.*))?");
    /** A FastAGI node: agi://host[:port], or hagi://name for the nodes DNS SRV names. */
    private static final Pattern NODE = Pattern.compile("agi://[^/:?&\\s]+(:[0-9]+)?|hagi://[^/:?&\\s]+");
    private static final String NODES = "HOTLINE_AGI_NODES";
    /** The dialplan's node of this try: one of {@value #NODES}, in turn. */
    private static final String NODE_OF_THIS_TRY = "${HOTLINE_NODE}";
    private static final String CALLBACK_OPTIONS = CallbackDialer.OPTIONS_VARIABLE;
    private static final Set<String> PLAYING = Set.of("playback", "background", "controlplayback");

    private final Path catalogue;
    private final List<String> languages;
    private final String script;
    private final String callbackScript;
    private final String holdMusicClass;
    private final String holdQueue;

    @Autowired
    public DialplanCheck(PromptsProperties prompts, AgiProperties agi, FlowProperties flow) {
        this(prompts.prompts().catalogue(), prompts.prompts().languages(), agi.script(), agi.callbackScript(),
                flow.hold().musicClass(), flow.hold().queue());
    }

    /**
     * @param catalogue      the prompt catalogue the played prompts must be in
     * @param languages      the languages the app renders, which a call may be in ({@code ${HOTLINE_LANG}})
     * @param script         the FastAGI script the app answers ({@code hotline.agi.script})
     * @param callbackScript the FastAGI script of the callback dialer's calls ({@code hotline.agi.callback-script})
     * @param holdMusicClass the music class the app holds callers with ({@code hotline.flow.hold.music-class})
     * @param holdQueue      the queue the app puts callers in, "" for none ({@code hotline.flow.hold.queue})
     */
    DialplanCheck(Path catalogue, List<String> languages, String script, String callbackScript,
                  String holdMusicClass, String holdQueue) {
        this.catalogue = catalogue;
        this.languages = List.copyOf(languages);
        this.script = script;
        this.callbackScript = callbackScript;
        this.holdMusicClass = holdMusicClass;
        this.holdQueue = holdQueue;
    }

    /** The extensions, queues and musiconhold files in {@code dir} (and what they include). */
    public Report check(Path dir) {
        return new Run(dir).report();
    }

    /** A step of the dialplan: {@code exten => exten,priority(label),app(args)} or its {@code same =>}. */
    private record Step(Line line, String context, String exten, int priority, String label, String app,
                        String args) {
        boolean is(String application) {
            return app.equalsIgnoreCase(application);
        }

        String call() {
            return app + "(" + args + ")";
        }
    }

    /** One check of one directory: what it has read so far, and the problems found. */
    private final class Run {
        private final Path dir;
        private final List<Problem> unreadable = new ArrayList<>();
        private final Set<Problem> problems = new LinkedHashSet<>();
        private final List<Line> extensions = new ArrayList<>();
        private final List<Line> queues = new ArrayList<>();
        private final List<Line> music = new ArrayList<>();
        private final Map<String, Setting> globals = new LinkedHashMap<>();
        private final Set<String> badGlobals = new HashSet<>();
        private final List<Step> steps = new ArrayList<>();
        private final Map<String, Set<String>> includes = new HashMap<>();
        private Catalogue prompts;

        Run(Path dir) {
            this.dir = dir;
        }

        Report report() {
            if (!Files.isDirectory(dir)) {
                return new Report(List.of(), List.of(new Problem(dir, 0, "not a directory")));
            }
            if (!read()) {
                return new Report(List.of(), sorted());
            }
            readCatalogue();
            readGlobals();
            readSteps();
            checkPrompts();
            checkAgi();
            checkQueues();
            checkMusic();
            return new Report(List.copyOf(globals.values()), sorted());
        }

        private List<Problem> sorted() {
            return Stream.concat(unreadable.stream(), problems.stream())
                    .sorted(Comparator.comparing((Problem p) -> p.file().toString()).thenComparingInt(Problem::line))
                    .toList();
        }

        private boolean read() {
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.filter(p -> FILE_KINDS.matcher(p.getFileName().toString()).matches()).sorted()
                        .toList();
            } catch (IOException e) {
                unreadable.add(new Problem(dir, 0, "cannot read it: " + ConfigFiles.reason(e)));
                return false;
            }
            if (files.stream().noneMatch(f -> f.getFileName().toString().startsWith("extensions"))) {
                unreadable.add(new Problem(dir, 0, "no extensions*.conf here, so no dialplan to check"));
                return false;
            }
            ConfigFiles config = new ConfigFiles(dir, new HashSet<>(), unreadable);
            for (Path file : files) {
                String name = file.getFileName().toString();
                (name.startsWith("extensions") ? extensions : name.startsWith("queues") ? queues : music)
                        .addAll(config.lines(file));
            }
            return true;
        }

        private void readCatalogue() {
            try {
                prompts = Catalogue.read(catalogue);
            } catch (IOException e) {
                problems.add(new Problem(catalogue, 0, "cannot read the prompt catalogue (" + ConfigFiles.reason(e)
                        + "), so the prompts the dialplan plays are not checked"));
            } catch (Catalogue.InvalidException e) {
                problems.add(new Problem(catalogue, 0, "the prompt catalogue is not valid (prompts check says why),"
                        + " so the prompts the dialplan plays are not checked"));
            }
        }

        /** Every {@code [globals]} in order, as Asterisk applies them: the last value wins. */
        private void readGlobals() {
            for (Line line : extensions) {
                Matcher global = ASSIGNMENT.matcher(line.text());
                if (line.section().equalsIgnoreCase("globals") && global.matches()) {
                    globals.put(global.group(1), new Setting(global.group(1), global.group(2).strip(), line.file(),
                            line.number()));
                }
            }
            globals.values().forEach(setting -> insane(setting).ifPresent(why -> {
                badGlobals.add(setting.name());
                problems.add(new Problem(setting.file(), setting.line(), setting.name() + " is '" + setting.value()
                        + "', " + why));
            }));
        }

        private Optional<String> insane(Setting setting) {
            String value = setting.value();
            return Optional.ofNullable(switch (setting.name()) {
                // An override kept from before several nodes: the dialplan no longer reads it.
                case "HOTLINE_AGI_HOST", "HOTLINE_AGI_PORT" -> "no longer read: the dialplan calls the nodes in "
                        + NODES + " (agi://host:port&...)";
                case NODES -> !value.isEmpty() && Stream.of(value.split("&", -1))
                        .allMatch(node -> NODE.matcher(node.strip()).matches()
                                && (!node.contains(":") || node.startsWith("hagi") || isPort(node)))
                        ? null : "not a list of the app's nodes (agi://host:port&agi://host:port, or hagi://name):"
                        + " calls cannot reach the app";
                case "HOTLINE_SEAT" -> AgiOptions.isSeat(value) ? null
                        : "not a seat number (1 to 9999): the app would greet with its default seat";
                case LANGUAGE -> languages.contains(value) ? null : "not one of the prompts' languages " + languages
                        + " (hotline.prompts.languages)";
                case "HOTLINE_QUEUE_WAIT" -> isNumberUpTo(value, Integer.MAX_VALUE) ? null
                        : "not a number of seconds above 0: a caller in the agents' queue would wait without end";
                default -> null;
            });
        }

        private void readSteps() {
            Map<String, Step> last = new HashMap<>();
            for (Line line : extensions) {
                String context = line.section();
                Matcher include = ASSIGNMENT.matcher(line.text());
                if (include.matches() && include.group(1).equalsIgnoreCase("include")) {
                    includes.computeIfAbsent(context, c -> new HashSet<>()).add(include.group(2).strip());
                }
                Matcher extension = EXTENSION.matcher(line.text());
                if (!extension.matches() || context.equalsIgnoreCase("globals") || context.equalsIgnoreCase("general")) {
                    continue;
                }
                boolean same = extension.group(1).equalsIgnoreCase("same");
                List<String> parts = split(extension.group(2), ',', same ? 2 : 3);
                Step previous = last.get(context);
                if (parts.size() < (same ? 2 : 3) || (same && previous == null)) {
                    problems.add(new Problem(line.file(), line.number(), same && previous == null
                            ? "'same =>' with no 'exten =>' before it in [" + context + "]"
                            : same ? "not an extension line: same => <priority>,<application>(<arguments>)"
                            : "not an extension line: exten => <extension>,<priority>,<application>(<arguments>)"));
                    continue;
                }
                String exten = same ? previous.exten() : parts.get(0).strip();
                Matcher priority = PRIORITY.matcher(parts.get(same ? 0 : 1).strip());
                if (!priority.matches()) {
                    problem(line, "not a priority: '" + parts.get(same ? 0 : 1).strip() + "' (1, n, or n(label))");
                    continue;
                }
                String number = priority.group(1);
                if (number.equalsIgnoreCase("hint")) {
                    continue;
                }
                int previousPriority = previous != null && previous.exten().equals(exten) ? previous.priority() : 0;
                int at = number.matches("[0-9]+") ? Integer.parseInt(number) : previousPriority + 1;
                Matcher app = APPLICATION.matcher(parts.get(same ? 1 : 2).strip());
                String name = app.matches() ? app.group(1) : parts.get(same ? 1 : 2).strip();
                String args = app.matches() && app.group(2) != null ? app.group(2) : "";
                Step step = new Step(line, context, exten, at, priority.group(2), name, args);
                steps.add(step);
                last.put(context, step);
            }
        }

        private void checkPrompts() {
            for (Step step : steps) {
                if (PLAYING.contains(step.app().toLowerCase(Locale.ROOT))) {
                    String files = split(step.args(), ',', 2).get(0);
                    for (String file : files.split("&")) {
                        checkPrompt(step.line(), file.strip());
                    }
                }
            }
            for (Line line : queues) {
                Matcher setting = ASSIGNMENT.matcher(line.text());
                if (setting.matches() && QUEUE_SOUND.matcher(setting.group(1)).matches()) {
                    for (String file : setting.group(2).split(",")) {
                        checkPrompt(line, file.strip());
                    }
                }
            }
        }

        private void checkPrompt(Line line, String file) {
            for (String language : languages) {
                expand(file, language, line).ifPresent(played -> {
                    Matcher prompt = PROMPT.matcher(played);
                    if (!prompt.matches()) {
                        problem(line, "plays '" + played + "', which is not a prompt of the catalogue"
                                + " (hotline/<language>/<prompt id>)");
                    } else if (!languages.contains(prompt.group(1))) {
                        problem(line, "plays " + played + ", but " + prompt.group(1) + " is not one of the prompts'"
                                + " languages " + languages + " (hotline.prompts.languages), so it is never rendered");
                    } else if (prompts != null && prompts.text(prompt.group(2), prompt.group(1)).isEmpty()) {
                        problem(line, "plays " + played + ", but " + catalogue + " has no prompt '" + prompt.group(2)
                                + "' in " + prompt.group(1));
                    }
                });
            }
        }

        private void checkAgi() {
            List<Step> agi = steps.stream().filter(s -> s.is("AGI")).toList();
            if (agi.isEmpty()) {
                problems.add(new Problem(dir, 0, "no AGI(agi://...) in the extensions*.conf here: no call reaches"
                        + " the app"));
            }
            for (Step step : agi) {
                checkAgiUrl(step);
                checkFallback(step);
            }
        }

        /** An AGI to the node of this try is an AGI to each node listed, each of which must reach our script. */
        private void checkAgiUrl(Step step) {
            String url = split(step.args(), ',', 2).get(0).strip();
            if (!url.startsWith(NODE_OF_THIS_TRY)) {
                checkAgiUrl(step, step.args());
                return;
            }
            Setting nodes = globals.get(NODES);
            if (nodes == null) {
                problem(step.line(), step.call() + " calls " + NODE_OF_THIS_TRY + ", but no [globals] sets " + NODES
                        + ": calls do not reach the app");
            } else if (!badGlobals.contains(NODES)) {
                for (String node : nodes.value().split("&")) {
                    checkAgiUrl(step, step.args().replace(NODE_OF_THIS_TRY, node.strip()));
                }
            }
        }

        private void checkAgiUrl(Step step, String agiArgs) {
            List<String> args = split(agiArgs, ',', Integer.MAX_VALUE);
            Matcher url = AGI_URL.matcher(args.get(0).strip());
            if (!url.matches()) {
                problem(step.line(), step.call() + " is not a FastAGI URL (agi://<host>:<port>/" + script
                        + "?seat=<seat>&lang=<language>): calls do not reach the app");
                return;
            }
            Map<String, String> options = new LinkedHashMap<>();
            Stream.concat(Stream.of(url.group(4) == null ? new String[0] : url.group(4).split("&")),
                    args.stream().skip(1)).map(String::strip).filter(o -> o.indexOf('=') > 0)
                    .forEach(o -> options.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1)));
            String call = step.call();
            if (url.group(1).isEmpty()) {
                problem(step.line(), call + " names no host: calls do not reach the app");
            }
            if (url.group(2) != null) {
                checkValue(step.line(), url.group(2), v -> isNumberUpTo(v, 65535), call + ": port '%s' is not a TCP"
                        + " port (1 to 65535)");
            }
            String path = url.group(3) == null ? "" : url.group(3);
            if (path.equals("/" + callbackScript)) {
                // A call back: the dialer's Originate says which request, attempt and language it is.
                if (url.group(4) == null || !url.group(4).contains("${" + CALLBACK_OPTIONS + "}")) {
                    problem(step.line(), call + " does not pass ${" + CALLBACK_OPTIONS + "} (" + callbackScript + "?${"
                            + CALLBACK_OPTIONS + "}): the app cannot tell which callback request the call is for");
                }
                return;
            }
            if (!path.equals("/" + script)) {
                problem(step.line(), call + " asks for script '" + path.replaceFirst("^/", "") + "', but the app"
                        + " answers '" + script + "' (hotline.agi.script) and '" + callbackScript
                        + "' (hotline.agi.callback-script)");
            }
            if (!options.containsKey("seat")) {
                problem(step.line(), call + " names no seat (seat=${HOTLINE_SEAT}): every call would be greeted with"
                        + " the app's default seat");
            } else {
                checkValue(step.line(), options.get("seat"), AgiOptions::isSeat,
                        call + ": seat '%s' is not a seat number (1 to 9999)");
            }
            if (!options.containsKey("lang")) {
                problem(step.line(), call + " names no language (lang=${HOTLINE_LANG}): every call would be in the"
                        + " app's default language");
            } else {
                checkValue(step.line(), options.get("lang"), languages::contains,
                        call + ": language '%s' is not one of the prompts' languages " + languages);
            }
        }

        private void checkValue(Line line, String raw, Predicate<String> sane, String problem) {
            for (String language : languages) {
                expand(raw, language, line).filter(sane.negate())
                        .ifPresent(value -> problem(line, problem.formatted(value)));
            }
        }

        /**
         * After the AGI, the dialplan goes to its fallback unless the app says it finished the call: HOTLINE_OUTCOME
         * is unset when the app was not reached or died mid-call, and APP_ERROR when it failed. Before the AGI, an
         * outcome left on the channel by an earlier call of the app is cleared, or it would hide that.
         */
        private void checkFallback(Step agi) {
            List<Step> extension = steps.stream()
                    .filter(s -> s.context().equals(agi.context()) && s.exten().equals(agi.exten())).toList();
            int at = extension.indexOf(agi);
            if (extension.subList(0, at).stream().noneMatch(s -> s.is("Set")
                    && s.args().replace(" ", "").equals(OUTCOME + "="))) {
                problem(agi.line(), agi.call() + " is not preceded by Set(" + OUTCOME + "=): an outcome left on the"
                        + " channel by an earlier call of the app would hide that the app was not reached");
            }
            Optional<Step> fallback = extension.subList(at + 1, extension.size()).stream()
                    .filter(s -> s.is("GotoIf") && s.args().contains("${" + OUTCOME + "}")).findFirst();
            if (fallback.isEmpty()) {
                problem(agi.line(), agi.call() + " is not followed by the fallback: when the app cannot be reached or"
                        + " fails, the caller would be hung up on; add same => n,GotoIf($[\"${" + OUTCOME + "}\" = \"\""
                        + " | \"${" + OUTCOME + "}\" = \"APP_ERROR\"]?app-unavailable,1)");
                return;
            }
            Step gotoIf = fallback.get();
            List<String> branches = split(gotoIf.args(), '?', 2);
            String condition = branches.get(0);
            String target = branches.size() < 2 ? "" : split(branches.get(1), ':', 2).get(0).strip();
            // Either the GotoIf goes to the fallback when the call was not finished (= "" | = APP_ERROR), or it goes
            // on when it was (!= "" & != APP_ERROR) and the fallback is the Goto the dialplan falls through to.
            boolean goesOnWhenServed = condition.contains("!=");
            if (!condition.contains("\"\"") && !condition.contains("ISNULL(") && !condition.contains("LEN(")) {
                problem(gotoIf.line(), "the fallback misses the app that cannot be reached (" + OUTCOME + " empty)");
            }
            if (!condition.contains("APP_ERROR")) {
                problem(gotoIf.line(), "the fallback misses the app that failed (" + OUTCOME + " = APP_ERROR)");
            }
            if (goesOnWhenServed) {
                Optional<Step> fallThrough = extension.subList(extension.indexOf(gotoIf) + 1, extension.size()).stream()
                        .filter(s -> s.is("Goto")).findFirst();
                if (fallThrough.isEmpty()) {
                    problem(gotoIf.line(), "after the GotoIf for a finished call, no Goto(<extension>,<priority>)"
                            + " leads to the fallback: a caller the app did not serve would be hung up on");
                } else {
                    checkLeadsToAnAgent(fallThrough.get(), fallThrough.get().args().strip());
                }
            } else if (target.isEmpty()) {
                problem(gotoIf.line(), "the fallback goes nowhere: GotoIf(<condition>?<extension>,<priority>)");
            } else {
                checkLeadsToAnAgent(gotoIf, target);
            }
        }

        /** {@code target} ([context,]exten,priority) from {@code from} exists, and puts the caller in a queue. */
        private void checkLeadsToAnAgent(Step from, String target) {
            if (target.contains("${")) {
                return;
            }
            List<String> where = split(target, ',', 3).stream().map(String::strip).toList();
            String context = where.size() == 3 ? where.get(0) : from.context();
            String exten = where.size() >= 2 ? where.get(where.size() - 2) : from.exten();
            String priority = where.get(where.size() - 1);
            List<Step> reached = extensionIn(context, exten, new HashSet<>());
            if (reached.stream().noneMatch(s -> String.valueOf(s.priority()).equals(priority)
                    || priority.equals(s.label()))) {
                problem(from.line(), "the fallback goes to " + target + ", which is not in [" + context + "]");
            } else if (reached.stream().noneMatch(s -> s.is("Queue"))) {
                problem(reached.get(0).line(), "the fallback " + exten + " in [" + context + "] never puts the"
                        + " caller through to an agent (Queue)");
            }
        }

        /** The steps of {@code exten} in {@code context}, or in a context it includes. */
        private List<Step> extensionIn(String context, String exten, Set<String> seen) {
            if (!seen.add(context)) {
                return List.of();
            }
            List<Step> found = steps.stream().filter(s -> s.context().equals(context) && s.exten().equals(exten))
                    .toList();
            if (!found.isEmpty()) {
                return found;
            }
            return includes.getOrDefault(context, Set.of()).stream().map(c -> extensionIn(c, exten, seen))
                    .filter(s -> !s.isEmpty()).findFirst().orElse(List.of());
        }

        private void checkQueues() {
            Set<String> configured = new HashSet<>();
            for (Line line : queues) {
                Matcher header = ConfigFiles.HEADER.matcher(line.text());
                if (header.find() && (header.group(2) == null || !header.group(2).contains("!"))) {
                    configured.add(header.group(1).strip());
                }
            }
            for (Step step : steps) {
                if (step.is("Queue")) {
                    List<String> args = split(step.args(), ',', Integer.MAX_VALUE);
                    for (String language : languages) {
                        expand(args.get(0).strip(), language, step.line()).filter(q -> !configured.contains(q))
                                .ifPresent(q -> problem(step.line(), "joins queue '" + q + "', which no queues*.conf"
                                        + " here defines"));
                    }
                    if (args.size() >= 5 && !args.get(4).isBlank()) {
                        checkValue(step.line(), args.get(4).strip(), v -> isNumberUpTo(v, Integer.MAX_VALUE),
                                step.call() + ": the wait '%s' is not a number of seconds above 0");
                    }
                }
            }
            if (!holdQueue.isBlank() && !configured.contains(holdQueue)) {
                problems.add(new Problem(dir, 0, "the app puts waiting callers in queue '" + holdQueue + "'"
                        + " (hotline.flow.hold.queue), which no queues*.conf here defines"));
            }
        }

        /** The music classes the queues and the app's own hold use: defined, and playing what the app writes. */
        private void checkMusic() {
            Map<String, Optional<Line>> directories = new HashMap<>();
            for (Line line : music) {
                Matcher setting = ASSIGNMENT.matcher(line.text());
                if (!line.section().equalsIgnoreCase("general")) {
                    directories.putIfAbsent(line.section(), Optional.empty());
                    if (setting.matches() && setting.group(1).equalsIgnoreCase("directory")) {
                        directories.put(line.section(), Optional.of(line));
                    }
                }
            }
            Map<String, Optional<Line>> used = new LinkedHashMap<>();
            used.put(holdMusicClass, Optional.empty());
            for (Line line : queues) {
                Matcher setting = ASSIGNMENT.matcher(line.text());
                if (setting.matches() && setting.group(1).equalsIgnoreCase("musicclass")) {
                    used.put(setting.group(2).strip(), Optional.of(line));
                }
            }
            used.forEach((musicClass, where) -> {
                Optional<Line> directory = directories.get(musicClass);
                if (directory == null) {
                    problems.add(where.map(l -> new Problem(l.file(), l.number(), "music class '" + musicClass + "'"
                                    + ", which no musiconhold*.conf here defines"))
                            .orElse(new Problem(dir, 0, "the app's hold (hotline.flow.hold.music-class) uses music"
                                    + " class '" + musicClass + "', which no musiconhold*.conf here defines")));
                    return;
                }
                String played = directory.map(l -> ASSIGNMENT.matcher(l.text()).replaceFirst("$2").strip()).orElse("");
                if (!played.equals(HOLD_MUSIC_DIR) && !played.endsWith("/" + HOLD_MUSIC_DIR)) {
                    Line at = directory.or(() -> where).orElse(null);
                    String message = "music class '" + musicClass + "' plays directory '" + played + "', but the app"
                            + " writes its hold music to <sound dir>/moh, which Asterisk sees as " + HOLD_MUSIC_DIR;
                    problems.add(at == null ? new Problem(dir, 0, message) : new Problem(at.file(), at.number(), message));
                }
            });
        }

        /**
         * {@code text} with the globals filled in, and {@code language} for ${HOTLINE_LANG}: the call's language,
         * which the admin may set per context. Empty when a variable is not a global (a problem), or is one whose
         * own problem is already listed.
         */
        private Optional<String> expand(String text, String language, Line line) {
            Matcher variable = VARIABLE.matcher(text);
            StringBuilder expanded = new StringBuilder();
            while (variable.find()) {
                String name = variable.group(1);
                Setting global = globals.get(name);
                if (name.equals(LANGUAGE)) {
                    variable.appendReplacement(expanded, Matcher.quoteReplacement(language));
                } else if (badGlobals.contains(name)) {
                    return Optional.empty();
                } else if (global == null) {
                    problem(line, "uses ${" + name + "}, which no [globals] sets");
                    return Optional.empty();
                } else {
                    variable.appendReplacement(expanded, Matcher.quoteReplacement(global.value()));
                }
            }
            return Optional.of(variable.appendTail(expanded).toString());
        }

        private void problem(Line line, String message) {
            problems.add(new Problem(line.file(), line.number(), message));
        }
    }

    private static boolean isPort(String node) {
        return isNumberUpTo(node.substring(node.lastIndexOf(':') + 1), 65535);
    }

    private static boolean isNumberUpTo(String value, int max) {
        return value.matches("[0-9]{1,10}") && Long.parseLong(value) >= 1 && Long.parseLong(value) <= max;
    }

    /** {@code text} split at {@code separator} outside brackets ($[...], ${...}, (...)), into at most {@code limit}. */
    private static List<String> split(String text, char separator, int limit) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == separator && depth == 0 && parts.size() < limit - 1) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
