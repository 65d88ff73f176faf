package io.leadscore.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadscore.support.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Seeds a running local runtime with a realistic, generated data set for the dashboard: a few thousand people of a
 * B2B software vendor's website over the last six months (companies with several people each on their company email
 * domain, free-mail visitors, anonymous visitors), reading the blog, docs, pricing and demo pages, filling forms,
 * opening and clicking the weekly emails, watching product videos, some unsubscribing, some looking for a job.
 *
 * <p>Everything goes through {@code POST /v1/events} with the write key, 100 events a request, in the order it
 * happened, so it is validated, recorded and scored as a real site's events are. The local runtime takes events up
 * to 200 days old (in AWS, {@code MaxEventAgeDays}, 90 by default), so the story covers the last 180 days on the
 * runtime's real clock, dated as they happened. The same seed makes the same people, events and event ids
 * (times are relative to now): seeding twice records everything once.
 *
 * <p>With {@code --admin-key}, it also waits until the last events are scored and runs the decay sweep, so that the
 * weeks of decay and leads gone cold show at once instead of at the next hourly sweep.
 */
public final class DemoData {
    static final int BATCH = 100;
    /** The demo data's size by default: people, and the days their story covers. */
    static final int PEOPLE = 2000;
    static final int DAYS = 180;
    /** Requests in flight at once: the runtime writes and scores while the next request is read and checked. */
    static final int LANES = 3;
    private static final String SITE = "https://www.datastack.example";
    private static final Duration WAIT_FOR_SCORING = Duration.ofMinutes(3);

    private static final String[] FIRST_NAMES = {"Dana", "Kim", "Alex", "Sam", "Priya", "Jonas", "Lena", "Marco", "Aisha",
        "Tom", "Yuki", "Carlos", "Sofia", "Ben", "Mei", "Omar", "Eva", "Lucas", "Nora", "Raj", "Hannah", "Ivan", "Chloe",
        "Mateo", "Zoe", "Felix", "Amara", "Leo", "Ines", "Noah", "Grace", "Hugo", "Maya", "Ravi", "Julia", "Theo"};
    private static final String[] LAST_NAMES = {"Diaz", "Schmidt", "Nguyen", "Okafor", "Rossi", "Tanaka", "Patel", "Müller",
        "Johnson", "Kowalski", "Silva", "Dubois", "Larsen", "Chen", "Haddad", "Novak", "García", "O'Brien", "Fischer",
        "Kim", "Moreau", "Jansen", "Brown", "Costa", "Ahmed", "Wright", "Nakamura", "Ivanova", "Smith", "Berg"};
    private static final String[] COMPANY_WORDS = {"Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Tyrell",
        "Wonka", "Cyberdyne", "Soylent", "Stark", "Wayne", "Oscorp", "Aperture", "Massive", "Dunder", "Prestige",
        "Pied Piper", "Monarch", "Gringotts", "Nakatomi", "Virtucon", "Blue Harbor", "Northwind", "Contoso", "Fabrikam",
        "Tailspin", "Litware", "Adatum", "Lucerne", "Proseware", "Margie", "Wingtip", "Fourth Coffee", "Alpine Ski",
        "Coho", "Bellows", "Trey Research", "Woodgrove", "Humongous", "Southridge"};
    private static final String[] COMPANY_SUFFIXES = {"Systems", "Labs", "Analytics", "Group", "Retail", "Health",
        "Logistics", "Bank", "Software", "Energy"};
    private static final String[] INDUSTRIES = {"software", "saas", "fintech", "e-commerce", "manufacturing",
        "healthcare", "retail", "logistics", "education", "media"};
    private static final String[] COUNTRIES = {"US", "US", "US", "GB", "DE", "DE", "FR", "NL", "CA", "BR", "IN", "ES",
        "AU", "SE"};
    private static final String[] FREE_MAIL = {"gmail.com", "yahoo.com", "hotmail.com", "outlook.com"};
    private static final String[] SENIOR_TITLES = {"VP Engineering", "VP Marketing", "Director of Data", "Head of Analytics",
        "CTO", "Chief Data Officer", "Director of IT", "Head of Growth", "VP Operations", "CIO"};
    private static final String[] OTHER_TITLES = {"Data Engineer", "Software Engineer", "Marketing Manager",
        "Data Analyst", "Product Manager", "Analytics Engineer", "Solutions Architect", "Operations Manager",
        "BI Developer", "Platform Engineer", "Growth Marketer", "IT Administrator"};
    private static final String[] BLOG = {"data-mesh-in-practice", "cutting-warehouse-costs", "streaming-vs-batch",
        "dbt-at-scale", "the-modern-data-stack", "observability-for-pipelines", "gdpr-and-analytics", "ai-ready-data",
        "postgres-to-lakehouse", "how-we-built-our-query-engine"};
    private static final String[] DOCS = {"getting-started", "connectors", "sql-reference", "security", "api",
        "deployment", "permissions", "alerts"};
    private static final String[] CUSTOMERS = {"globex", "hooli", "northwind", "contoso", "wingtip"};
    private static final String[] WHITEPAPERS = {"whitepaper-data-mesh", "whitepaper-roi", "whitepaper-security"};
    private static final String[] WEBINARS = {"webinar-analytics-101", "webinar-q3-launch", "webinar-cost-control"};
    private static final String[] VIDEOS = {"product-tour", "analytics-in-5-minutes", "customer-story-hooli",
        "webinar-recording-launch"};

    /** How a kind of visitor behaves: how often they come back, what they read, what they fill in. */
    enum Persona {
        BUYER(0.07, 3, 6, 5, new double[]{1, 1, 2, 5, 4, 3, 3, 1, 0}, 0.30, 0.30, 0.25, 0.25),
        EVALUATOR(0.13, 2, 3, 7, new double[]{1, 3, 5, 2, 1, 3, 2, 2, 0}, 0.25, 0.04, 0.12, 0.12),
        READER(0.25, 1, 2, 10, new double[]{2, 8, 2, 0.5, 0.2, 1, 0.5, 1, 0}, 0.10, 0, 0.05, 0.06),
        JOB_SEEKER(0.05, 1, 2, 5, new double[]{2, 2, 0.5, 0.2, 0, 0.5, 0, 1, 6}, 0, 0, 0, 0.02),
        STUDENT(0.05, 1, 2, 7, new double[]{1, 4, 5, 0.3, 0, 0.5, 0.2, 0.3, 1}, 0.10, 0, 0.05, 0.03),
        DRIVE_BY(0.45, 1, 1, 12, new double[]{3, 4, 1, 0.5, 0.1, 0.5, 0.1, 0.5, 0.2}, 0.02, 0, 0, 0.02);

        final double share;
        final int minSessions;
        final int maxSessions;
        /** Mean days between two visits. */
        final double gapDays;
        /** Weights of page kinds: home, blog, docs, pricing, demo, product, analytics product, customers, careers. */
        final double[] pages;
        final double contentForm;
        final double demoForm;
        final double video;
        final double emailClick;

        Persona(double share, int minSessions, int maxSessions, double gapDays, double[] pages, double contentForm,
                double demoForm, double video, double emailClick) {
            this.share = share;
            this.minSessions = minSessions;
            this.maxSessions = maxSessions;
            this.gapDays = gapDays;
            this.pages = pages;
            this.contentForm = contentForm;
            this.demoForm = demoForm;
            this.video = video;
            this.emailClick = emailClick;
        }
    }

    record Company(String name, String accountId, String domain, String industry, int size, String country) {
    }

    /** A person; {@code anonymous} ones are known by a visitor id only and never fill a form that names them. */
    record Person(String id, boolean anonymous, Persona persona, Company company, String firstName, String lastName,
                  String email, String jobTitle, String country) {
    }

    /** One event as it is sent. */
    record Event(Instant at, Map<String, Object> json) {
    }

    /** What the API answered, added up. */
    record Sent(int requests, int accepted, int duplicates, int rejected, List<String> problems) {
        Sent plus(Sent other) {
            List<String> all = new ArrayList<>(problems);
            all.addAll(other.problems());
            return new Sent(requests + other.requests(), accepted + other.accepted(), duplicates + other.duplicates(),
                    rejected + other.rejected(), all.subList(0, Math.min(5, all.size())));
        }
    }

    private final Random random;
    /**
     * The survey answers' own random numbers, drawn after everything else: the people, visits and emails of a seed
     * stay what they were before the demo had answers.
     */
    private final Random surveys;
    private final Instant now;
    private final int days;
    private final long seed;
    private final List<Event> events = new ArrayList<>();
    private final Map<String, Person> people = new LinkedHashMap<>();
    /** When each named person looked at pricing or the demo page or asked for a demo: what sales follow up. */
    private final Map<String, List<Instant>> buyingSignals = new HashMap<>();
    private int eventCount;

    DemoData(long seed, Instant now, int days) {
        this.seed = seed;
        this.random = new Random(seed);
        this.surveys = new Random(seed ^ 0x5EED_0F_4E5053L);
        this.now = now;
        this.days = days;
    }

    /** The people and everything they did, oldest first. */
    List<Event> generate(int people) {
        List<Company> companies = companies(Math.max(8, people / 20));
        List<Person> persons = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            persons.add(person(i, companies));
        }
        persons.forEach(person -> this.people.put(leadOf(person), person));
        Map<String, Instant> knownSince = new LinkedHashMap<>();
        for (Person person : persons) {
            Instant identified = visits(person);
            if (identified != null) {
                knownSince.put(person.id(), identified);
            }
        }
        emails(persons, knownSince);
        npsAnswers(persons, knownSince);
        events.sort(Comparator.comparing(Event::at));
        return List.copyOf(events);
    }

    /** Who sent the events of {@code leadId} (as the API names leads: {@code anon:<id>} for a visitor), or null. */
    Persona personaOf(String leadId) {
        Person person = people.get(leadId);
        return person == null ? null : person.persona();
    }

    /** Each named lead's buying signals (pricing and demo pages, demo and sales forms), oldest first. */
    Map<String, List<Instant>> buyingSignals() {
        return buyingSignals;
    }

    private List<Company> companies(int count) {
        List<Company> companies = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        while (companies.size() < count) {
            String word = pick(COMPANY_WORDS);
            String name = word + " " + pick(COMPANY_SUFFIXES);
            String accountId = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            if (taken.add(accountId)) {
                int size = (int) Math.round(Math.exp(2.5 + random.nextDouble() * 7)); // 12 to 13,000 people
                companies.add(new Company(name, accountId, accountId.replace("-", "") + ".example", pick(INDUSTRIES),
                        size, pick(COUNTRIES)));
            }
        }
        return companies;
    }

    private Person person(int index, List<Company> companies) {
        Persona persona = persona();
        String first = pick(FIRST_NAMES);
        String last = pick(LAST_NAMES);
        // Most who bounce never say who they are; some readers neither.
        boolean anonymous = random.nextDouble()
                < (persona == Persona.DRIVE_BY ? 0.55 : persona == Persona.READER ? 0.25 : 0);
        // Zipf-like: a few companies have many people on the site, most have a handful.
        Company company = persona == Persona.STUDENT || persona == Persona.JOB_SEEKER || random.nextDouble() < 0.22 ? null
                : companies.get((int) (companies.size() * Math.pow(random.nextDouble(), 1.7)));
        // Müller writes müller in a name and muller in an address.
        String local = Normalizer.normalize(first + "." + last, Normalizer.Form.NFD).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z.]", "");
        String email = company == null ? local + (index % 97) + "@" + pick(FREE_MAIL) : local + "@" + company.domain();
        String title = switch (persona) {
            case STUDENT -> random.nextBoolean() ? "Student" : "Data Science Intern";
            case BUYER -> random.nextDouble() < 0.6 ? pick(SENIOR_TITLES) : pick(OTHER_TITLES);
            default -> random.nextDouble() < 0.15 ? pick(SENIOR_TITLES) : pick(OTHER_TITLES);
        };
        String id = anonymous ? "v-" + seed + "-" + index : String.format("crm-%d-%05d", seed, index + 1);
        return new Person(id, anonymous, persona, company, first, last, email, title,
                company == null ? pick(COUNTRIES) : company.country());
    }

    private Persona persona() {
        double roll = random.nextDouble();
        for (Persona persona : Persona.values()) {
            roll -= persona.share;
            if (roll < 0) {
                return persona;
            }
        }
        return Persona.DRIVE_BY;
    }

    /** The person's visits to the site; when they first named themselves (a form), or null. */
    private Instant visits(Person person) {
        Persona p = person.persona();
        // Journeys start all through the window; buyers' more recently, so some are hot now and some faded.
        double startDay = days * Math.pow(random.nextDouble(), p == Persona.BUYER ? 0.8 : 1.0);
        Instant at = now.minus(Duration.ofDays(days)).plus(Duration.ofMinutes((long) (startDay * 1440)));
        int sessions = p.minSessions + random.nextInt(p.maxSessions - p.minSessions + 1);
        // Some are known from their first visit (a link in an email, a login); the others once a form names them.
        boolean knownOnArrival = !person.anonymous() && random.nextDouble() < 0.4;
        Instant identified = null;
        for (int s = 0; s < sessions && at.isBefore(now.minus(Duration.ofMinutes(10))); s++) {
            at = businessHours(at);
            if (knownOnArrival && identified == null) {
                identified = at;
                add(person, "identify", at, profile(person));
                at = at.plusSeconds(1);
            }
            // Most visits are one page (a bounce); the engaged read on.
            int pages = p == Persona.DRIVE_BY ? 1 : 1 + (int) (-Math.log(1 - random.nextDouble()) * 0.6);
            for (int i = 0; i < pages && at.isBefore(now); i++) {
                String page = page(p);
                if (page.startsWith("/pricing") || page.equals("/demo")) {
                    signal(person, at);
                }
                add(person, "page_view", at, Map.of("url", SITE + page, "title", "datastack"));
                at = at.plusSeconds(20 + random.nextInt(240));
            }
            if (!person.anonymous() && random.nextDouble() < p.video) {
                at = video(person, at);
            }
            if (!person.anonymous() && random.nextDouble() < p.contentForm + p.demoForm) {
                boolean demo = random.nextDouble() < p.demoForm / (p.contentForm + p.demoForm);
                String form = demo ? (random.nextDouble() < 0.7 ? "demo-request" : "contact-sales")
                        : random.nextBoolean() ? pick(WHITEPAPERS) : pick(WEBINARS);
                if (identified == null) {
                    identified = at;
                    add(person, "identify", at, profile(person));
                    at = at.plusSeconds(1);
                }
                add(person, "form_submit", at, Map.of("formId", form, "email", person.email(),
                        "url", SITE + (demo ? "/demo" : "/resources/" + form)));
                if (demo) {
                    signal(person, at);
                }
            }
            at = at.plus(Duration.ofMinutes((long) (-Math.log(1 - random.nextDouble()) * p.gapDays * 1440)));
        }
        return identified;
    }

    private void signal(Person person, Instant at) {
        if (!person.anonymous()) {
            buyingSignals.computeIfAbsent(person.id(), id -> new ArrayList<>()).add(at);
        }
    }

    /** Watching a video to some point: a progress event at each quarter passed, as the tracking snippet sends them. */
    private Instant video(Person person, Instant at) {
        String video = pick(VIDEOS);
        int reached = 25 * (1 + random.nextInt(4));
        for (int percent = 25; percent <= reached; percent += 25) {
            at = at.plusSeconds(30 + random.nextInt(90));
            add(person, "video_progress", at, Map.of("videoId", video, "percent", percent,
                    "url", SITE + "/videos/" + video));
        }
        return at;
    }

    /** A newsletter, a product announcement or a webinar invitation every other week to everyone who named themselves and has not unsubscribed. */
    private void emails(List<Person> persons, Map<String, Instant> knownSince) {
        LocalDate first = LocalDate.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(java.time.DayOfWeek.TUESDAY));
        Set<String> unsubscribed = new HashSet<>();
        int week = 0;
        for (LocalDate day = first; day.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(now); day = day.plusWeeks(2)) {
            Instant sent = day.atTime(9, 30).toInstant(ZoneOffset.UTC);
            String campaign = week % 3 == 1 ? "launch-analytics-addon-" + week : week % 3 == 2 ? "webinar-invite-" + week
                    : "newsletter-" + day;
            week++;
            for (Person person : persons) {
                Instant known = knownSince.get(person.id());
                if (known == null || known.isAfter(sent) || unsubscribed.contains(person.id())) {
                    continue;
                }
                if (random.nextDouble() < 0.2) {
                    Instant opened = sent.plus(Duration.ofMinutes(5 + random.nextInt(2000)));
                    if (opened.isAfter(now)) {
                        continue;
                    }
                    add(person, "email_open", opened, Map.of("campaign", campaign, "emailId", campaign + "-1"));
                    if (random.nextDouble() < person.persona().emailClick * 2) {
                        add(person, "email_click", opened.plusSeconds(20), Map.of("campaign", campaign,
                                "linkUrl", SITE + (campaign.startsWith("launch") ? "/products/analytics" : "/blog/"
                                        + pick(BLOG))));
                    } else if (random.nextDouble() < 0.02) {
                        unsubscribed.add(person.id());
                        add(person, "unsubscribe", opened.plusSeconds(40), Map.of("campaign", campaign));
                    }
                }
            }
        }
    }

    /**
     * An NPS survey answered (an {@code nps_response}, {@code properties.score} a whole number 0 to 10) by a fifth of
     * the people who named themselves, weeks after: the people of one company answer alike around its mood, a few
     * companies unhappy, most content, so that the NPS per account tells them apart.
     */
    private void npsAnswers(List<Person> persons, Map<String, Instant> knownSince) {
        Map<String, Double> moods = new HashMap<>();
        for (Person person : persons) {
            Instant known = knownSince.get(person.id());
            if (known == null || surveys.nextDouble() >= 0.2) {
                continue;
            }
            String account = person.company() == null ? "" : person.company().accountId();
            double mood = moods.computeIfAbsent(account, a -> a.isEmpty() ? 7.0 : 3 + surveys.nextDouble() * 7.5);
            int score = (int) Math.max(0, Math.min(10, Math.round(mood + surveys.nextGaussian() * 1.8)));
            add(person, "nps_response", known.plus(Duration.ofMinutes(surveys.nextInt(60 * 24 * 60))),
                    Map.of("score", score));
        }
    }

    private Map<String, Object> profile(Person person) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("email", person.email());
        profile.put("firstName", person.firstName());
        profile.put("lastName", person.lastName());
        profile.put("jobTitle", person.jobTitle());
        profile.put("country", person.country());
        Company company = person.company();
        if (company != null) {
            profile.put("company", company.name());
            profile.put("accountId", company.accountId());
            profile.put("industry", company.industry());
            profile.put("companySize", company.size());
        }
        return profile;
    }

    private String page(Persona persona) {
        double total = 0;
        for (double weight : persona.pages) {
            total += weight;
        }
        double roll = random.nextDouble() * total;
        int kind = 0;
        while (roll >= persona.pages[kind]) {
            roll -= persona.pages[kind++];
        }
        return switch (kind) {
            case 0 -> "/";
            case 1 -> "/blog/" + pick(BLOG);
            case 2 -> "/docs/" + pick(DOCS);
            case 3 -> random.nextDouble() < 0.8 ? "/pricing" : "/pricing/enterprise";
            case 4 -> "/demo";
            case 5 -> "/products/platform";
            case 6 -> "/products/analytics";
            case 7 -> "/customers/" + pick(CUSTOMERS);
            default -> random.nextBoolean() ? "/careers" : "/careers/data-engineer";
        };
    }

    /** The next weekday working hour (UTC, loosely) at or after {@code at}: people visit from work. */
    private Instant businessHours(Instant at) {
        var time = at.atZone(ZoneOffset.UTC);
        if (time.getHour() < 7 || time.getHour() > 18) {
            time = time.plusDays(time.getHour() > 18 ? 1 : 0).withHour(7 + random.nextInt(11))
                    .withMinute(random.nextInt(60));
        }
        while (time.getDayOfWeek().getValue() > 5 && random.nextDouble() < 0.85) {
            time = time.plusDays(1);
        }
        Instant moved = time.toInstant();
        return moved.isAfter(now) ? at : moved;
    }

    /** Records an event; a visit still going on now is cut at now, as the API refuses events from the future. */
    private void add(Person person, String type, Instant at, Map<String, Object> properties) {
        if (at.isAfter(now)) {
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "demo-" + Long.toHexString(seed) + "-" + (++eventCount));
        event.put("type", type);
        event.put(person.anonymous() ? "anonymousId" : "leadId", person.id());
        event.put("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("properties", properties);
        events.add(new Event(at, event));
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * Sends the events, {@link #BATCH} a request, over {@link #LANES} connections side by side: each lead's events go
     * through one lane, in the order they happened, so they are recorded, and scored, in that order.
     */
    static Sent send(HttpClient http, URI base, String writeKey, List<Event> events)
            throws IOException, InterruptedException {
        List<List<Event>> lanes = new ArrayList<>();
        for (int i = 0; i < LANES; i++) {
            lanes.add(new ArrayList<>());
        }
        events.forEach(event -> lanes.get(Math.floorMod(leadOf(event).hashCode(), LANES)).add(event));
        ExecutorService pool = Executors.newFixedThreadPool(LANES);
        try {
            List<Future<Sent>> sending = new ArrayList<>();
            for (List<Event> lane : lanes) {
                sending.add(pool.submit(() -> sendInOrder(http, base, writeKey, lane)));
            }
            Sent total = new Sent(0, 0, 0, 0, List.of());
            for (Future<Sent> lane : sending) {
                total = total.plus(lane.get());
            }
            return total;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Sent sendInOrder(HttpClient http, URI base, String writeKey, List<Event> events)
            throws IOException, InterruptedException {
        int requests = 0;
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        List<String> problems = new ArrayList<>();
        for (int from = 0; from < events.size(); from += BATCH) {
            List<Map<String, Object>> batch = events.subList(from, Math.min(from + BATCH, events.size())).stream()
                    .map(Event::json).toList();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/events"))
                    .header("content-type", "application/json").header("x-write-key", writeKey)
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("events", batch)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            requests++;
            if (response.statusCode() != 202 && response.statusCode() != 400) {
                throw new IOException("POST /v1/events answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode answer = Json.mapper().readTree(response.body());
            accepted += answer.path("accepted").asInt();
            duplicates += answer.path("duplicates").asInt();
            for (JsonNode result : answer.path("results")) {
                if (result.path("status").asText().equals("rejected")) {
                    rejected++;
                    if (problems.size() < 5) {
                        problems.add(batch.get(result.path("index").asInt()).get("eventId") + ": " + result.path("errors"));
                    }
                }
            }
        }
        return new Sent(requests, accepted, duplicates, rejected, problems);
    }

    /**
     * Waits until the last event sent to each of these leads is in its ledger: the stream reaches the score function
     * in the order events were recorded, so these, recorded last, are scored last.
     */
    static void awaitScored(HttpClient http, URI base, String adminKey, Map<String, String> lastEventByLead)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT_FOR_SCORING);
        for (var last : lastEventByLead.entrySet()) {
            String path = "/v1/leads/" + URLEncoder.encode(last.getKey(), StandardCharsets.UTF_8).replace("+", "%20");
            while (true) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("authorization", "Bearer " + adminKey).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 403) {
                    throw new IOException("the admin key was refused: copy it from the runtime's banner");
                }
                if (response.statusCode() == 200 && response.body().contains("\"" + last.getValue() + "\"")) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("events are still being scored after " + WAIT_FOR_SCORING.toMinutes()
                            + " minutes (lead " + last.getKey() + ")");
                }
                Thread.sleep(200);
            }
        }
    }

    static String runSweep(HttpClient http, URI base, String adminKey) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/local/schedules/run"))
                .header("authorization", "Bearer " + adminKey).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the decay sweep answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create("http://localhost:3000");
        String writeKey = LocalRuntime.Options.defaults().writeKey();
        String adminKey = null;
        long seed = 42;
        int people = PEOPLE;
        int days = DAYS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> base = URI.create(args[++i].replaceAll("/+$", ""));
                case "--write-key" -> writeKey = args[++i];
                case "--admin-key" -> adminKey = args[++i];
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--leads" -> people = Integer.parseInt(args[++i]);
                case "--days" -> days = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: DemoData [--url http://localhost:3000] [--write-key wk_local_demo]"
                            + " [--admin-key ak_...] [--seed 42] [--leads 2000] [--days 89]");
                    System.exit(2);
                }
            }
        }
        if (days < 1 || days >= LocalRuntime.MAX_EVENT_AGE_DAYS) {
            System.err.println("--days must be 1 to " + (LocalRuntime.MAX_EVENT_AGE_DAYS - 1)
                    + ": the local runtime refuses events older than " + LocalRuntime.MAX_EVENT_AGE_DAYS + " days");
            System.exit(2);
        }
        seed(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), base, writeKey, adminKey, seed,
                people, days, System.out);
    }

    /** What a seeding sent, and what the API answered; no verdicts without the admin key. */
    record Seeded(List<Event> events, Sent sent, List<DemoVerdicts.Verdict> verdicts, Map<String, Integer> answered) {
    }

    /**
     * Generates the data set and sends it; with the admin key, waits until it is scored, runs the decay sweep, and
     * sends the CRM's verdicts on the MQLs. Says what it does on {@code out}.
     */
    static Seeded seed(HttpClient http, URI base, String writeKey, String adminKey, long seed, int people, int days,
                       PrintStream out) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        DemoData demo = new DemoData(seed, now, days);
        List<Event> events = demo.generate(people);
        Map<String, Long> byType = new TreeMap<>();
        Set<String> leads = new HashSet<>();
        Set<String> identified = new HashSet<>();
        Set<String> accounts = new HashSet<>();
        for (Event event : events) {
            String type = (String) event.json().get("type");
            byType.merge(type, 1L, Long::sum);
            leads.add(leadOf(event));
            if (type.equals("identify")) {
                identified.add(leadOf(event));
                Object account = ((Map<?, ?>) event.json().get("properties")).get("accountId");
                if (account != null) {
                    accounts.add((String) account);
                }
            }
        }
        out.printf("demo data (seed %d): %d events of %d leads over the last %d days; %d leads named,"
                + " at %d companies or on free mail%n", seed, events.size(), leads.size(), days, identified.size(),
                accounts.size());
        byType.forEach((type, count) -> out.printf("  %-15s %6d%n", type, count));

        Sent sent = send(http, base, writeKey, events);
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        out.printf("sent %d requests to %s/v1/events in %.1f s: %d accepted, %d duplicates, %d rejected%n",
                sent.requests(), base, sendSeconds, sent.accepted(), sent.duplicates(), sent.rejected());
        sent.problems().forEach(problem -> out.println("  rejected " + problem));
        String dashboard = base + LocalRuntime.DASHBOARD_PATH + "#key=";
        if (adminKey == null) {
            out.println("scoring continues in the runtime for a while; the decay sweep runs hourly"
                    + " (pass --admin-key to wait for scoring and run it now, and to send the CRM's verdicts)");
            out.println("dashboard: " + dashboard + "<admin key from the runtime's banner>");
            return new Seeded(events, sent, List.of(), Map.of());
        }
        // Behaviour is awaited: a survey answer need not leave a ledger entry (no rule may score it).
        List<Event> behaviour = events.stream().filter(e -> !"nps_response".equals(e.json().get("type"))).toList();
        Map<String, String> lastEvents = new LinkedHashMap<>();
        behaviour.subList(Math.max(0, behaviour.size() - 3 * BATCH), behaviour.size())
                .forEach(e -> lastEvents.put(leadOf(e), (String) e.json().get("eventId")));
        awaitScored(http, base, adminKey, lastEvents);
        out.printf("scored after %.1f s%n", (System.nanoTime() - started) / 1e9);
        JsonNode sweep = Json.mapper().readTree(runSweep(http, base, adminKey));
        out.printf("decay sweep: %s%n", sweep);

        List<DemoVerdicts.Mql> mqls = DemoVerdicts.mqls(http, base, adminKey);
        DemoVerdicts crm = new DemoVerdicts(seed, now);
        List<DemoVerdicts.Verdict> verdicts = new ArrayList<>(crm.on(mqls, demo::personaOf));
        verdicts.addAll(crm.sourced(mqls.stream().map(DemoVerdicts.Mql::leadId).collect(Collectors.toSet()),
                demo.buyingSignals(), demo::personaOf));
        verdicts.sort(Comparator.comparing(DemoVerdicts.Verdict::at));
        Map<String, Integer> answered = DemoVerdicts.send(http, base, adminKey, verdicts);
        Map<String, Long> byVerdict = new TreeMap<>();
        verdicts.forEach(v -> byVerdict.merge((String) v.json().get("type"), 1L, Long::sum));
        out.printf("sent %d CRM verdicts on %d MQLs and the opportunities sales opened without one to %s/v1/feedback"
                + " %s: %s%n", verdicts.size(), mqls.size(), base, byVerdict, answered);
        out.printf("done in %.1f s; dashboard: %s%s%n", (System.nanoTime() - started) / 1e9, dashboard, adminKey);
        return new Seeded(events, sent, verdicts, answered);
    }

    private static String leadOf(Event event) {
        Object leadId = event.json().get("leadId");
        return leadId != null ? (String) leadId : "anon:" + event.json().get("anonymousId");
    }

    private static String leadOf(Person person) {
        return person.anonymous() ? "anon:" + person.id() : person.id();
    }
}
